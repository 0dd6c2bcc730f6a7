# Trailwatch: the processors, the HTTP API and the trailwatch command, in one image.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests install

FROM eclipse-temurin:17-jre
# curl for the compose healthcheck
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/trailwatch
COPY --from=build /src/app/target/trailwatch-app.jar /opt/trailwatch/trailwatch-app.jar
COPY --from=build /src/app/target/lib /opt/trailwatch/lib
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/trailwatch/trailwatch-app.jar"]
CMD ["up", "--bootstrap-servers", "kafka:9092", "--schema-registry-url", "http://schema-registry:8081", "--data-dir", "/var/lib/trailwatch"]
