package org.lethe.engine.data.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 that serves byte arrays under a name and misbehaves on purpose:
 * {@code /ok/NAME} whole, {@code /truncated/NAME} half of the announced length, {@code /corrupt/NAME}
 * with one byte flipped, {@code /slow/NAME} in small chunks with pauses, {@code /stall/NAME} half and
 * then silence, {@code /endless/NAME} chunked and repeated without end, {@code /redirect/NAME} to
 * {@code /ok/NAME}, {@code /redirect-away} to a non-loopback http address, anything else 404.
 */
public final class LocalFileServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final AtomicInteger slowChunksSent = new AtomicInteger();
    private volatile int slowChunkBytes = 16 * 1024;
    private volatile long slowPauseMillis = 20;

    /** Starts the server on a free port of 127.0.0.1. */
    public LocalFileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Makes {@code bytes} available under {@code name}. */
    public void put(String name, byte[] bytes) {
        files.put(name, bytes);
    }

    /** Chunk size and pause of the {@code /slow/} handler. */
    public void slowPace(int chunkBytes, long pauseMillis) {
        slowChunkBytes = chunkBytes;
        slowPauseMillis = pauseMillis;
    }

    /** The address of {@code path} (which starts with a slash) on this server. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Requests answered so far. */
    public int requests() {
        return requests.get();
    }

    /** Waits until the slow handler has sent its first chunk. */
    public boolean awaitSlowStart(long millis) throws InterruptedException {
        return slowStarted.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Chunks the slow handler managed to send. */
    public int slowChunksSent() {
        return slowChunksSent.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/", 3);
            String mode = parts.length > 1 ? parts[1] : "";
            byte[] body = parts.length > 2 ? files.get(parts[2]) : null;
            if (mode.equals("redirect-away")) {
                exchange.getResponseHeaders().add("Location", "http://192.0.2.1/elsewhere.gz");
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            switch (mode) {
                case "ok" -> send(exchange, body);
                case "corrupt" -> {
                    byte[] copy = body.clone();
                    copy[copy.length / 2] ^= 0x01;
                    send(exchange, copy);
                }
                case "truncated" -> {
                    exchange.sendResponseHeaders(200, body.length);
                    OutputStream out = exchange.getResponseBody();
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    // closing the exchange with bytes missing makes the server drop the connection
                }
                case "slow" -> sendSlowly(exchange, body);
                case "stall" -> {
                    exchange.sendResponseHeaders(200, body.length);
                    OutputStream out = exchange.getResponseBody();
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    sleep(10_000);
                }
                case "endless" -> {
                    exchange.sendResponseHeaders(200, 0); // chunked, no length
                    OutputStream out = exchange.getResponseBody();
                    for (int i = 0; i < 100_000; i++) {
                        out.write(body);
                    }
                }
                case "redirect" -> {
                    exchange.getResponseHeaders().add("Location", "/ok/" + parts[2]);
                    exchange.sendResponseHeaders(302, -1);
                }
                default -> exchange.sendResponseHeaders(404, -1);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or the body was cut on purpose
        }
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void sendSlowly(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        int chunk = slowChunkBytes;
        for (int offset = 0; offset < body.length; offset += chunk) {
            out.write(body, offset, Math.min(chunk, body.length - offset));
            out.flush();
            slowChunksSent.incrementAndGet();
            slowStarted.countDown();
            if (!sleep(slowPauseMillis)) {
                return;
            }
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
