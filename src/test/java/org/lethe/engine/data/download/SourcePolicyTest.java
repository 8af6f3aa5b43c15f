package org.lethe.engine.data.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SourcePolicyTest {

    @Test
    void loopbackIsRecognisedFromTheTextAlone() {
        assertThat(SourcePolicy.isLoopback("127.0.0.1")).isTrue();
        assertThat(SourcePolicy.isLoopback("127.8.9.10")).isTrue();
        assertThat(SourcePolicy.isLoopback("LOCALHOST")).isTrue();
        assertThat(SourcePolicy.isLoopback("[::1]")).isTrue();
        assertThat(SourcePolicy.isLoopback("0:0:0:0:0:0:0:1")).isTrue();

        assertThat(SourcePolicy.isLoopback("128.0.0.1")).isFalse();
        assertThat(SourcePolicy.isLoopback("10.0.0.1")).isFalse();
        assertThat(SourcePolicy.isLoopback("127.0.0.300")).isFalse();
        assertThat(SourcePolicy.isLoopback("[::2]")).isFalse();
        assertThat(SourcePolicy.isLoopback("localhost.example.com")).isFalse();
        assertThat(SourcePolicy.isLoopback("127.0.0.1.nip.io")).isFalse();
    }

    @Test
    void httpsIsAllowedAnywhereAndHttpOnlyToLoopback() {
        assertThat(SourcePolicy.refusal(URI.create("https://www.cs.toronto.edu/x"), null)).isEmpty();
        assertThat(SourcePolicy.refusal(URI.create("http://127.0.0.1:8080/x"), null)).isEmpty();
        assertThat(SourcePolicy.refusal(URI.create("http://[::1]:8080/x"), null)).isEmpty();
        assertThat(SourcePolicy.refusal(URI.create("http://www.cs.toronto.edu/x"), null))
                .hasValueSatisfying(r -> assertThat(r).contains("only https is allowed"));
        assertThat(SourcePolicy.refusal(URI.create("file://localhost/etc/passwd"), null)).isPresent();
    }

    @Test
    void redirectFromHttpsToHttpIsRefusedEvenToLoopback() {
        URI from = URI.create("https://mirror.example.org/x");
        assertThat(SourcePolicy.refusal(URI.create("http://127.0.0.1/x"), from))
                .hasValueSatisfying(r -> assertThat(r).contains("refusing the redirect from https://mirror.example.org/x"));
        assertThat(SourcePolicy.refusal(URI.create("https://cdn.example.org/x"), from)).isEmpty();
    }
}
