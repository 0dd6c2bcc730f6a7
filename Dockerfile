# Trailwatch: the processors, the HTTP API and the trailwatch command, in one image (the last stage); the stages
# before it are docker-compose's other services.

# The Kafka broker of docker-compose (its kafka service: --target kafka): apache/kafka, formatted on the first start
# with the SCRAM credential of its super user (docker/kafka-run). First in the file: it needs none of the build.
FROM apache/kafka:4.1.1 AS kafka
COPY docker/kafka-run /opt/trailwatch/kafka-run
CMD ["bash", "/opt/trailwatch/kafka-run"]

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
COPY docker/connect-run /opt/trailwatch/connect-run
EXPOSE 8083
# Adds the worker's Kafka login (from the environment) to a copy of the properties, then starts the worker.
CMD ["bash", "/opt/trailwatch/connect-run"]

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
