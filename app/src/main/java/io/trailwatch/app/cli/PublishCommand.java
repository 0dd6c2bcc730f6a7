package io.trailwatch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailwatch.avro.AuditEvent;
import io.trailwatch.schemas.json.CloudTrailJson;
import io.trailwatch.schemas.json.CloudTrailJsonWriter;
import io.trailwatch.schemas.json.InvalidRecordException;
import io.trailwatch.schemas.text.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerRecord;
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
                + "files, in UTF-8; '-' reads standard input. Every record is checked first (its fields, an eventTime "
                + "from 1970 to at most 1 hour ahead, at most 256 KB as CloudTrail JSON): if any is invalid, nothing "
                + "is published and the exit code is 2. The records are then published in one Kafka transaction: "
                + "all of them, or, when Kafka or the schema registry cannot be reached or refuses one, none (exit "
                + "code 1, within about 15 s)."})
    static final class Audit implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE|-", description = "CloudTrail JSON file, or - for standard input.")
        String file;

        @Mixin
        ConnectionOptions connection;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            final PrintWriter err = spec.commandLine().getErr();
            final List<AuditEvent> events;
            try {
                events = validate(parse(StrictUtf8.decode(read())), Instant.now());
            } catch (final InvalidInputException e) {
                err.println("trailwatch publish audit: " + Printable.escape(e.getMessage()));
                return CommandLine.ExitCode.USAGE;
            }
            if (events.isEmpty()) {
                return published(0); // an empty log file: nothing to connect for
            }
            final String kafkaLogLevel = System.getProperty(KAFKA_LOG_LEVEL);
            if (kafkaLogLevel == null) {
                // The Kafka client warns of every failed connection attempt; this command says it once, in one line.
                System.setProperty(KAFKA_LOG_LEVEL, "error");
            }
            try {
                final List<ProducerRecord<byte[], byte[]>> records =
                    AuditTransaction.encode(events, connection.schemaRegistryUrl());
                new AuditTransaction(connection.kafka()).publish(records, events);
            } catch (final IllegalArgumentException noCredentials) {
                err.println("trailwatch publish audit: " + Printable.escape(noCredentials.getMessage()));
                return CommandLine.ExitCode.USAGE;
            } catch (final AuditTransaction.Failure e) {
                err.println("trailwatch publish audit: " + Printable.escape(e.getMessage()));
                return e.exitCode();
            } catch (final RuntimeException e) {
                err.println("trailwatch publish audit: unexpected failure: " + Printable.escape(e.toString()));
                return CommandLine.ExitCode.SOFTWARE;
            } finally {
                if (kafkaLogLevel == null) {
                    System.clearProperty(KAFKA_LOG_LEVEL);
                }
            }
            return published(events.size());
        }

        private int published(final int count) {
            spec.commandLine().getOut().println("published " + count + " audit event" + (count == 1 ? "" : "s")
                + " to trailwatch.audit");
            return CommandLine.ExitCode.OK;
        }

        private byte[] read() {
            try {
                if ("-".equals(file)) {
                    return System.in.readAllBytes();
                }
                return Files.readAllBytes(Path.of(file));
            } catch (final NoSuchFileException e) {
                throw new InvalidInputException("no such file: " + file);
            } catch (final AccessDeniedException e) {
                throw new InvalidInputException("cannot read " + file + ": permission denied");
            } catch (final IOException | InvalidPathException e) {
                throw new InvalidInputException("cannot read " + ("-".equals(file) ? "standard input" : file) + ": "
                    + AuditTransaction.cause(e));
            }
        }

        /** The records of a CloudTrail JSON document. */
        static List<JsonNode> parse(final String text) {
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
            try {
                return CloudTrailJson.records(document);
            } catch (final InvalidRecordException e) {
                throw new InvalidInputException(e.getMessage());
            }
        }

        /**
         * Every record as an audit event, or the first invalid one named with what is wrong with it (and how many
         * others are invalid too): a field that is missing or malformed, an eventTime out of range, or a record over
         * CloudTrail's size limit.
         */
        static List<AuditEvent> validate(final List<JsonNode> records, final Instant now) {
            final List<AuditEvent> events = new ArrayList<>(records.size());
            String first = null;
            int invalid = 0;
            for (int i = 0; i < records.size(); i++) {
                final JsonNode id = records.get(i).path("eventID");
                final String name = recordName(i, records.size(), id.isTextual() ? id.asText() : null);
                final String problem = problemOf(records.get(i), now, events);
                if (problem != null) {
                    invalid++;
                    first = first == null ? name + ": " + problem : first;
                }
            }
            if (first != null) {
                throw new InvalidInputException(first + "; nothing was published"
                    + (invalid > 1 ? " (" + (invalid - 1) + " more invalid record" + (invalid > 2 ? "s" : "") + ")" : ""));
            }
            return events;
        }

        /** What is wrong with the record, or null when nothing is and the event was added. */
        private static String problemOf(final JsonNode record, final Instant now, final List<AuditEvent> events) {
            final AuditEvent event;
            try {
                event = CloudTrailJson.fromJson(record);
            } catch (final InvalidRecordException e) {
                return e.getMessage();
            }
            if (event.getEventTime().isBefore(EARLIEST_EVENT_TIME)) {
                return "eventTime " + event.getEventTime() + " is before " + EARLIEST_EVENT_TIME
                    + ": too far in the past";
            }
            if (event.getEventTime().isAfter(now.plus(LATEST_AHEAD))) {
                return "eventTime " + event.getEventTime() + " is more than 1 hour in the future (now is "
                    + now.truncatedTo(ChronoUnit.SECONDS) + ")";
            }
            final int size = CloudTrailJsonWriter.toBytes(event).length;
            if (size > MAX_EVENT_BYTES) {
                return "the record is " + size + " bytes as CloudTrail JSON, over CloudTrail's limit of 256 KB ("
                    + MAX_EVENT_BYTES + " bytes) for one event";
            }
            events.add(event);
            return null;
        }
    }

    /** slf4j-simple's level of the Kafka client's loggers (read when a logger is first made). */
    private static final String KAFKA_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.apache.kafka";

    /** CloudTrail's limit on one event: 256 KB. */
    static final int MAX_EVENT_BYTES = 256 * 1024;

    /** The earliest eventTime accepted. */
    static final Instant EARLIEST_EVENT_TIME = Instant.EPOCH;

    /** How far ahead of now an eventTime may be: clocks differ, events from the future do not exist. */
    static final Duration LATEST_AHEAD = Duration.ofHours(1);

    /** "record 2 of 5 (eventID e-2)", counting from 1, as messages name a record. */
    static String recordName(final int index, final int count, final String eventId) {
        return "record " + (index + 1) + " of " + count + (eventId == null ? "" : " (eventID " + eventId + ")");
    }

    /** Input the user must fix; reported as a usage error (exit code 2). */
    static final class InvalidInputException extends RuntimeException {
        InvalidInputException(final String message) {
            super(message);
        }
    }
}
