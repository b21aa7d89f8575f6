package org.mailstack.webmail.mail.adapter;

import org.mailstack.webmail.mail.InvalidMessageException;
import org.mailstack.webmail.mail.MailEndpoint;
import org.mailstack.webmail.mail.MailException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/** Sends through message submission (RFC 6409) with the user's own credentials, AUTH PLAIN (RFC 4954, RFC 4616). */
final class Submission {
    private static final Logger LOG = LoggerFactory.getLogger(Submission.class);

    private Submission() {
    }

    static void send(MimeMessage message, MailEndpoint endpoint, Credentials credentials) {
        Session session = Session.getInstance(MailProperties.forEndpoint("smtp", endpoint));
        try (Transport transport = session.getTransport(MailProperties.protocol("smtp", endpoint))) {
            transport.connect(endpoint.host(), endpoint.port(), credentials.user(), credentials.passwordString());
            transport.sendMessage(message, message.getAllRecipients());
        } catch (AuthenticationFailedException e) {
            LOG.warn("submission refused the credentials of {}", credentials.user());
            throw new MailException("The submission server refused your sign-in.", e);
        } catch (SendFailedException e) {
            LOG.info("submission refused recipients for {}: {}", credentials.user(), e.getMessage());
            throw new InvalidMessageException("The server refused one or more recipients.");
        } catch (MessagingException e) {
            LOG.warn("submission failed for {}", credentials.user(), e);
            throw new MailException("The message could not be sent. Try again later.", e);
        }
    }
}
