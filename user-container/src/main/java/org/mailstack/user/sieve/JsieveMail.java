package org.mailstack.user.sieve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.jsieve.SieveContext;
import org.apache.jsieve.exception.InternetAddressException;
import org.apache.jsieve.mail.Action;
import org.apache.jsieve.mail.MailAdapter;
import org.apache.jsieve.mail.MailUtils;
import org.apache.jsieve.mail.SieveMailException;
import org.apache.jsieve.mail.optional.EnvelopeAccessors;
import org.apache.jsieve.parser.address.SieveAddressBuilder;
import org.apache.jsieve.parser.generated.address.ParseException;

/**
 * The message as jSieve sees it: headers, envelope and size; actions are only collected here and interpreted by
 * {@link SieveRules}, never executed by the library. The {@code body} extension (RFC 5173) is not offered.
 */
final class JsieveMail implements MailAdapter, EnvelopeAccessors {
    private final Envelope envelope;
    private final HeaderBlock headers;
    private final long size;
    private final List<Action> actions = new ArrayList<>();
    private SieveContext context;
    private boolean implicitKeep;

    JsieveMail(Envelope envelope, HeaderBlock headers, long size) {
        this.envelope = envelope;
        this.headers = headers;
        this.size = size;
    }

    @Override
    public void setContext(SieveContext context) {
        // set before the script runs and cleared after executeActions()
        this.context = context;
    }

    @Override
    public List<Action> getActions() {
        return actions;
    }

    @Override
    public void addAction(Action action) {
        actions.add(action);
    }

    @Override
    public void executeActions() {
        // Actions are read back with getActions() and interpreted by SieveRules. jSieve calls this once the script
        // has run, with the keep it adds for an implicit keep (RFC 5228 section 2.10.2) already among the actions:
        // whether that keep was implicit is still in the context's state, and only here.
        implicitKeep = context != null && context.getCommandStateManager().isImplicitKeep();
    }

    /** Whether the script ended without cancelling the implicit keep (no keep, fileinto, redirect or discard). */
    boolean implicitKeep() {
        return implicitKeep;
    }

    @Override
    public List<String> getHeader(String name) {
        return headers.values(name);
    }

    @Override
    public List<String> getMatchingHeader(String name) throws SieveMailException {
        return MailUtils.getMatchingHeader(this, name);
    }

    @Override
    public List<String> getHeaderNames() {
        return headers.names();
    }

    @Override
    public int getSize() {
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    @Override
    public String getContentType() {
        String type = headers.first("Content-Type");
        return type.isEmpty() ? "text/plain" : type;
    }

    @Override
    public boolean isInBodyText(List<String> phrasesCaseInsensitive) throws SieveMailException {
        throw new SieveMailException("the body extension is not supported");
    }

    @Override
    public boolean isInBodyRaw(List<String> phrasesCaseInsensitive) throws SieveMailException {
        throw new SieveMailException("the body extension is not supported");
    }

    @Override
    public boolean isInBodyContent(List<String> contentTypes, List<String> phrasesCaseInsensitive)
            throws SieveMailException {
        throw new SieveMailException("the body extension is not supported");
    }

    @Override
    public Address[] parseAddresses(String headerName) throws SieveMailException, InternetAddressException {
        SieveAddressBuilder builder = new SieveAddressBuilder();
        for (String value : headers.values(headerName)) {
            try {
                builder.addAddresses(value);
            } catch (ParseException e) {
                throw new InternetAddressException("unparseable address in " + headerName);
            }
        }
        return builder.getAddresses();
    }

    /** RFC 5228 section 5.4: "from" is the reverse-path, "to" the forward-path of this delivery. */
    @Override
    public List<String> getEnvelope(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "from" -> List.of(envelope.from());
            case "to" -> List.of(envelope.to());
            default -> List.of();
        };
    }

    @Override
    public List<String> getEnvelopeNames() {
        return List.of("from", "to");
    }

    @Override
    public List<String> getMatchingEnvelope(String name) {
        return getEnvelope(name);
    }
}
