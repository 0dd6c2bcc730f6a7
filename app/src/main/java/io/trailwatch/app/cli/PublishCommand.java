package io.trailwatch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.ingest.TrailwatchPublisher;
import io.trailwatch.schemas.json.CloudTrailJson;
import io.trailwatch.schemas.json.InvalidRecordException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code trailwatch publish audit FILE|-}. */
@Command(name = "publish", mixinStandardHelpOptions = true, description = "Publish records to Trailwatch.",
    subcommands = PublishCommand.Audit.class)
public final class PublishCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to publish: audit");
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Publish CloudTrail records to the audit trail.",
            "FILE holds one record, a JSON array of records, or {\"Records\":[...]} as CloudTrail writes its log "
                + "files; '-' reads standard input. Every record is checked first: if any is invalid, nothing is "
                + "published and the exit code is 2."})
    static final class Audit implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE|-", description = "CloudTrail JSON file, or - for standard input.")
        String file;

        @Mixin
        ConnectionOptions connection;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            final List<AuditEvent> events;
            try {
                events = parse(read());
            } catch (final InvalidInputException e) {
                spec.commandLine().getErr().println("trailwatch publish audit: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            try (TrailwatchPublisher publisher = TrailwatchPublisher.builder()
                .bootstrapServers(connection.bootstrapServers())
                .schemaRegistryUrl(connection.schemaRegistryUrl())
                .clientId("trailwatch-cli")
                .build()) {
                final List<CompletableFuture<?>> sent = new ArrayList<>(events.size());
                events.forEach(event -> sent.add(publisher.publish(event)));
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            }
            spec.commandLine().getOut().println("published " + events.size() + " audit event"
                + (events.size() == 1 ? "" : "s") + " to trailwatch.audit");
            return CommandLine.ExitCode.OK;
        }

        private String read() throws IOException {
            if ("-".equals(file)) {
                try (InputStream in = System.in) {
                    return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            try {
                return Files.readString(Path.of(file));
            } catch (final NoSuchFileException e) {
                throw new InvalidInputException("no such file: " + file);
            }
        }

        static List<AuditEvent> parse(final String text) {
            final JsonNode document;
            try {
                document = CloudTrailJson.MAPPER.readTree(text);
            } catch (final JsonProcessingException e) {
                throw new InvalidInputException("not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
            }
            if (document == null || document.isMissingNode()) {
                throw new InvalidInputException("no records: the input is empty");
            }
            final List<JsonNode> records;
            try {
                records = CloudTrailJson.records(document);
            } catch (final InvalidRecordException e) {
                throw new InvalidInputException(e.getMessage());
            }
            final List<AuditEvent> events = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                try {
                    events.add(CloudTrailJson.fromJson(records.get(i)));
                } catch (final InvalidRecordException e) {
                    final JsonNode id = records.get(i).path("eventID");
                    throw new InvalidInputException("record " + (i + 1) + " of " + records.size()
                        + (id.isTextual() ? " (eventID " + id.asText() + ")" : "") + ": " + e.getMessage()
                        + "; nothing was published");
                }
            }
            return events;
        }
    }

    /** Input the user must fix; reported as a usage error (exit code 2). */
    static final class InvalidInputException extends RuntimeException {
        InvalidInputException(final String message) {
            super(message);
        }
    }
}
