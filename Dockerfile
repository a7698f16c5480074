# The one image of every Pixelgate application; the command names the application, e.g.
#   docker run pixelgate:latest consent-events --bootstrap-servers kafka:9092 --schema-registry http://schema-registry:8081
# or PIXELGATE_* variables instead of the flags (docker-compose.yml does that).
#
# It packages what the Maven build produced, so build that first, from the repository root:
#   ./mvnw -DskipTests install      # launcher/target/launcher.jar and its dependencies in launcher/target/lib/
#   docker build -t pixelgate:latest .
# (.dockerignore sends only those two paths to the builder.)
#
# The base is any image with a Java 17 runtime, bash and the shadow tools (groupadd, useradd):
# eclipse-temurin:17-jre by default; where no image can be pulled, one made from Debian's packages
# (deploy/images/base/make-base-image; deploy/compose-check passes it as --build-arg BASE_IMAGE=...).
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

# A fixed, non-root uid, so that volumes and Kubernetes' runAsNonRoot agree with the image. The
# Streams state directory exists and belongs to it, so a new named volume mounted there does too.
RUN groupadd --system --gid 10001 pixelgate \
    && useradd --system --uid 10001 --gid pixelgate --home-dir /app --no-create-home pixelgate \
    && mkdir -p /var/lib/pixelgate/state \
    && chown -R pixelgate:pixelgate /var/lib/pixelgate

# Dependencies first: they change less often than the launcher, so their layer is reused.
COPY launcher/target/lib/ /app/lib/
COPY launcher/target/launcher.jar /app/launcher.jar

USER 10001:10001
WORKDIR /app

# Exec form: java is PID 1 and receives SIGTERM itself, so `docker stop` closes the application
# cleanly (Streams commits and leaves its group). Java expands the lib/* class-path wildcard.
# JVM options go in JAVA_TOOL_OPTIONS, e.g. -XX:MaxRAMPercentage=75.
ENTRYPOINT ["java", "-cp", "/app/launcher.jar:/app/lib/*", "io.pixelgate.launcher.Main"]
CMD ["--help"]
