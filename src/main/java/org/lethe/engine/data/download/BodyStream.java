package org.lethe.engine.data.download;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body handed to the reading thread one batch of buffers at a time. Unlike a blocking
 * input stream, the reader waits with a timeout, so it can notice cancellation and a stalled server
 * while no data arrives; {@link #abort()} drops the connection.
 *
 * <p>Exactly one batch is requested ahead, so memory stays bounded however fast the network is.
 */
final class BodyStream implements HttpResponse.BodySubscriber<BodyStream> {

    /** What {@link #poll} found. */
    sealed interface Event permits Data, End, Failure, Pending { }

    /** A batch of body bytes. */
    record Data(List<ByteBuffer> buffers) implements Event { }

    /** The body ended normally. */
    record End() implements Event { }

    /** The transfer broke. */
    record Failure(Throwable cause) implements Event { }

    /** Nothing arrived within the wait. */
    record Pending() implements Event { }

    private static final Pending PENDING = new Pending();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<BodyStream> body = CompletableFuture.completedFuture(this);
    private volatile Flow.Subscription subscription;
    private volatile boolean aborted;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (aborted) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        events.add(new Data(item));
    }

    @Override
    public void onError(Throwable throwable) {
        events.add(new Failure(throwable));
    }

    @Override
    public void onComplete() {
        events.add(new End());
    }

    @Override
    public CompletionStage<BodyStream> getBody() {
        return body;
    }

    /**
     * Waits up to {@code millis} for the next event; after a {@link Data} event the next batch is
     * requested.
     */
    Event poll(long millis) throws InterruptedException {
        Event event = events.poll(millis, TimeUnit.MILLISECONDS);
        if (event == null) {
            return PENDING;
        }
        if (event instanceof Data && !aborted) {
            subscription.request(1);
        }
        return event;
    }

    /** Stops the transfer and releases the connection. Safe to call more than once. */
    void abort() {
        aborted = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
