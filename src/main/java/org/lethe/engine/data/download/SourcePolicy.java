package org.lethe.engine.data.download;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which addresses the downloader may contact: {@code https} anywhere, plain {@code http} only to the
 * local machine (127.0.0.0/8, ::1, {@code localhost}), and never a step down from https to http
 * when following a redirect. Decided from the address text alone, without any name lookup.
 */
final class SourcePolicy {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private SourcePolicy() {
    }

    /**
     * Why the address may not be fetched, or empty if it may.
     *
     * @param uri the address
     * @param previous the address that redirected here, or {@code null} for the first request
     */
    static Optional<String> refusal(URI uri, URI previous) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            return Optional.of("address " + uri + " has no host");
        }
        boolean fromHttps = previous != null && "https".equalsIgnoreCase(previous.getScheme());
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http")) {
            if (fromHttps) {
                return Optional.of("refusing the redirect from " + previous + " to plain-http " + uri);
            }
            if (isLoopback(uri.getHost())) {
                return Optional.empty();
            }
            return Optional.of("refusing plain-http address " + uri
                    + ": only https is allowed (http only to this machine)");
        }
        return Optional.of("refusing address " + uri + ": only https is allowed");
    }

    /** Whether a host name or IP literal denotes this machine's loopback interface. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        if (IPV4_LITERAL.matcher(h).matches()) {
            String[] parts = h.split("\\.");
            for (String part : parts) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(parts[0]) == 127;
        }
        if (!h.contains(":") || !h.matches("[0-9a-f:.]+")) {
            return false; // a name would need a lookup; only "localhost" is trusted
        }
        try {
            // the brackets make the JDK parse an IPv6 literal and never fall back to a name lookup
            return InetAddress.getByName("[" + h + "]").isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
