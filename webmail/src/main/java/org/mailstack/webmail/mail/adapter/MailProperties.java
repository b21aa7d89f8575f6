package org.mailstack.webmail.mail.adapter;

import java.util.Properties;
import org.mailstack.webmail.mail.MailEndpoint;

/** Jakarta Mail session properties for one endpoint: timeouts always, TLS as the endpoint asks. */
final class MailProperties {
    static final int TIMEOUT_MS = 20_000;

    private MailProperties() {
    }

    /** The protocol name Jakarta Mail uses: {@code imap}/{@code imaps}, {@code smtp}/{@code smtps}. */
    static String protocol(String base, MailEndpoint endpoint) {
        return endpoint.security() == MailEndpoint.Security.TLS ? base + "s" : base;
    }

    static Properties forEndpoint(String base, MailEndpoint endpoint) {
        String protocol = protocol(base, endpoint);
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(p + "host", endpoint.host());
        props.put(p + "port", Integer.toString(endpoint.port()));
        props.put(p + "connectiontimeout", Integer.toString(TIMEOUT_MS));
        props.put(p + "timeout", Integer.toString(TIMEOUT_MS));
        switch (endpoint.security()) {
            case STARTTLS -> {
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
            }
            case TLS -> props.put(p + "ssl.enable", "true");
            case PLAIN -> {
                // nothing: tests and trusted private networks only
            }
        }
        if (endpoint.security() != MailEndpoint.Security.PLAIN) {
            if (endpoint.tls() != null) {
                props.put(p + "ssl.socketFactory", endpoint.tls());
            }
            props.put(p + "ssl.checkserveridentity", Boolean.toString(endpoint.checkServerIdentity()));
        }
        if ("smtp".equals(base)) {
            props.put(p + "auth", "true");
            props.put(p + "auth.mechanisms", "PLAIN");
        }
        return props;
    }
}
