package io.pixelgate.bench.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * nginx serving one directory as static files, the benchmark's baseline: a minimal generated
 * configuration tuned as one would for a static pixel (access log off, sendfile, keep-alive
 * connections reused without limit, one worker per core), run in the foreground and stopped by
 * the benchmark.
 */
final class Nginx implements AutoCloseable {

    private final Process process;
    private final int port;

    private Nginx(final Process process, final int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts nginx on {@code 127.0.0.1:port} serving {@code root}, its own files under {@code prefix}. */
    static Nginx start(final Path executable, final Path prefix, final Path root, final int port) {
        try {
            Files.createDirectories(prefix.resolve("logs"));
            final Path config = prefix.resolve("nginx.conf");
            Files.writeString(config, config(prefix, root, port));
            final Process process = new ProcessBuilder(executable.toString(), "-p", prefix + "/", "-c", config.toString(),
                    "-e", prefix.resolve("logs/error.log").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                    .start();
            final Nginx nginx = new Nginx(process, port);
            nginx.awaitListening(prefix);
            return nginx;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start nginx: " + e.getMessage(), e);
        }
    }

    int port() {
        return port;
    }

    /** CPU time used so far by nginx, master and workers. */
    Duration cpuTime() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .map(handle -> handle.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    static String config(final Path prefix, final Path root, final int port) {
        // As root, nginx's workers would switch to an unprivileged user that cannot read a private
        // temporary directory; the benchmark's files are not worth a user of their own.
        final String user = "root".equals(System.getProperty("user.name")) ? "user root root;\n" : "";
        return user + String.join("\n", List.of(
                "daemon off;",
                "worker_processes auto;",
                "pid " + prefix.resolve("nginx.pid") + ";",
                "error_log " + prefix.resolve("logs/error.log") + " warn;",
                "events { worker_connections 4096; }",
                "http {",
                "  access_log off;",
                "  sendfile on;",
                "  tcp_nopush on;",
                "  tcp_nodelay on;",
                "  keepalive_timeout 65;",
                "  keepalive_requests 1000000;",
                "  open_file_cache max=1000 inactive=60s;",
                "  client_body_temp_path " + prefix.resolve("client_body") + ";",
                "  proxy_temp_path " + prefix.resolve("proxy") + ";",
                "  fastcgi_temp_path " + prefix.resolve("fastcgi") + ";",
                "  uwsgi_temp_path " + prefix.resolve("uwsgi") + ";",
                "  scgi_temp_path " + prefix.resolve("scgi") + ";",
                "  types { image/gif gif; }",
                "  server {",
                "    listen 127.0.0.1:" + port + ";",
                "    root " + root + ";",
                "    location / { add_header Cache-Control no-store; }",
                "  }",
                "}", ""));
    }

    private void awaitListening(final Path prefix) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited at start (exit " + process.exitValue() + "); see "
                        + prefix.resolve("logs"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (final IOException notYet) {
                sleep();
            }
        }
        close();
        throw new IllegalStateException("nginx did not listen on 127.0.0.1:" + port + " within 10 s; see "
                + prefix.resolve("logs"));
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops nginx (SIGTERM: the master stops its workers), forcibly after 10 s. */
    @Override
    public void close() {
        final List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the master stops its workers; these are only the ones a killed master would leave behind
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
