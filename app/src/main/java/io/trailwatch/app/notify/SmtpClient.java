package io.trailwatch.app.notify;

import io.trailwatch.processors.notify.Notification;
import io.trailwatch.processors.notify.SmtpSettings;
import io.trailwatch.sinks.notify.DeliveryFailedException;
import io.trailwatch.sinks.notify.Retrying;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends email subscriptions' notifications through the configured SMTP server, retrying what may pass (the server
 * unreachable, a 4xx answer). Each mail's Message-ID is derived from its delivery id, so that a mail sent again after
 * a crash is the same message to the mail systems that dedupe on it.
 */
final class SmtpClient {

    private final Optional<SmtpSettings> smtp;
    private final Session session;
    private final Retrying retrying;

    SmtpClient(final SmtpSettings settings, final Duration timeout, final Retrying retrying) {
        this.smtp = settings.configured();
        this.retrying = retrying;
        final Properties properties = new Properties();
        smtp.ifPresent(server -> {
            properties.put("mail.smtp.host", server.host());
            properties.put("mail.smtp.port", Integer.toString(server.port()));
            properties.put("mail.smtp.auth", Boolean.toString(server.authenticates()));
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", Boolean.toString(server.startTlsRequired()));
            properties.put("mail.smtp.connectiontimeout", Long.toString(timeout.toMillis()));
            properties.put("mail.smtp.timeout", Long.toString(timeout.toMillis()));
            properties.put("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
        });
        this.session = Session.getInstance(properties);
    }

    void send(final String address, final Notification notification)
        throws DeliveryFailedException, InterruptedException {
        final SmtpSettings server = smtp.orElseThrow(() -> new DeliveryFailedException("no SMTP server is configured "
            + "(trailwatch.notify.smtp.host, up --smtp-host) (not retried)"));
        final MimeMessage mail;
        try {
            mail = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + notification.messageId() + "@trailwatch>");
                }
            };
            mail.setFrom(new InternetAddress(server.from(), true));
            mail.setRecipients(Message.RecipientType.TO, new InternetAddress[] {new InternetAddress(address, true)});
            mail.setSubject(notification.subject(), StandardCharsets.UTF_8.name());
            mail.setText(AlarmEmail.text(notification), StandardCharsets.UTF_8.name());
            mail.setHeader("Idempotency-Key", notification.deliveryId());
            mail.saveChanges();
        } catch (final AddressException e) {
            throw new DeliveryFailedException("invalid address: " + e.getMessage() + " (not retried)");
        } catch (final MessagingException e) {
            throw new DeliveryFailedException("cannot compose the mail: " + e.getMessage() + " (not retried)");
        }
        retrying.run(notification.deliveryId(), () -> {
            try {
                if (server.authenticates()) {
                    Transport.send(mail, server.username(), server.password());
                } else {
                    Transport.send(mail);
                }
                return null;
            } catch (final MessagingException e) {
                return "SMTP " + server.host() + ":" + server.port() + ": " + e.getMessage();
            }
        });
    }
}
