package io.pixelgate.bench.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NginxTest {

    @Test
    void theBaselineServesOneDirectoryOnLoopbackWithoutLogsOrDaemon() {
        final String config = Nginx.config(Path.of("/tmp/prefix"), Path.of("/tmp/www"), 41000);

        assertThat(config).contains("daemon off;").contains("access_log off;").contains("listen 127.0.0.1:41000;")
                .contains("root /tmp/www;").contains("pid /tmp/prefix/nginx.pid;")
                .contains("add_header Cache-Control no-store;");
    }
}
