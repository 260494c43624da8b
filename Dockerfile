# Stepwise in a container. Not built in this project's CI (its machines have no Docker engine):
# the lines are kept to what needs no checking: build with the Maven wrapper, unpack the
# distribution, serve on all interfaces of the container with the data in a volume.
#   docker build -t stepwise .
#   docker run -p 8083:8083 -v stepwise-data:/data stepwise
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl stepwise-cli -am \
 && mkdir /dist && tar xzf stepwise-cli/target/stepwise-*.tar.gz -C /dist --strip-components=1

FROM eclipse-temurin:21-jre
COPY --from=build /dist /opt/stepwise
VOLUME /data
EXPOSE 8083
ENTRYPOINT ["/opt/stepwise/bin/stepwise"]
CMD ["serve", "--host", "0.0.0.0", "--data-dir", "/data"]
