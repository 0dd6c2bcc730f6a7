# Trailwatch: the processors, the HTTP API and the trailwatch command, in one image.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests install \
 && mkdir -p /out \
 && cp stack/target/s3proxy/s3proxy-*-jar-with-dependencies.jar /out/s3proxy.jar \
 && cp -r stack/target/connect-worker/lib /out/connect-lib

# Kafka Connect with the archive connector's plugin (docker-compose's connect service: --target connect).
FROM apache/kafka:4.1.1 AS connect
COPY --from=build /src/app/target/connect-plugins /opt/trailwatch/connect-plugins
COPY docker/connect-distributed.properties /opt/trailwatch/connect-distributed.properties
EXPOSE 8083
CMD ["/opt/kafka/bin/connect-distributed.sh", "/opt/trailwatch/connect-distributed.properties"]

FROM eclipse-temurin:17-jre
# curl for the compose healthcheck
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/trailwatch
COPY --from=build /src/app/target/trailwatch-app.jar /opt/trailwatch/trailwatch-app.jar
COPY --from=build /src/app/target/lib /opt/trailwatch/lib
COPY --from=build /src/app/target/connect-plugins /opt/trailwatch/connect-plugins
# What `up` runs as child processes (S3Proxy for the archive, a Kafka Connect worker for the connectors); the
# paths the build recorded point into the build stage, so the image names its own copies.
COPY --from=build /out/s3proxy.jar /opt/trailwatch/s3proxy.jar
COPY --from=build /out/connect-lib /opt/trailwatch/connect-lib
EXPOSE 8080
ENTRYPOINT ["java", "-Dtrailwatch.s3proxy.jar=/opt/trailwatch/s3proxy.jar", "-Dtrailwatch.connect.lib=/opt/trailwatch/connect-lib", "-jar", "/opt/trailwatch/trailwatch-app.jar"]
CMD ["up", "--bootstrap-servers", "kafka:9092", "--schema-registry-url", "http://schema-registry:8081", "--data-dir", "/var/lib/trailwatch", "--http-host", "0.0.0.0"]
