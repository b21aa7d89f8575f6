package org.mailstack.main.filter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The part of rspamd's {@code /checkv2} answer this filter uses: the action, the score and the threshold of its
 * {@code reject} action ({@code required_score}), the new subject for {@code rewrite subject}, the
 * {@code Authentication-Results} value its milter_headers module put in {@code milter.add_headers}, and the names of
 * the symbols that matched (for the log only: they never reach the client).
 * <p>
 * {@code milter.add_headers} maps a header name to a string, to {@code {"value": ..., "order": n}}, or to a list of
 * those. Everything else in {@code milter} (other added headers, {@code remove_headers}) is deliberately not applied:
 * which fields this relay adds or removes is its own policy ({@link SpamFilter}), not the filter's configuration.
 */
public record RspamdReply(Action action, double score, double requiredScore, Optional<String> subject,
                          Optional<String> authenticationResults, List<String> symbols) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RspamdReply {
        symbols = List.copyOf(symbols);
    }

    /** Parses an answer; IOException when it is not rspamd's JSON or carries no action (an {@code error} answer). */
    public static RspamdReply parse(byte[] body) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IOException("not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("action").isTextual()) {
            String error = root != null && root.path("error").isTextual() ? root.path("error").asText() : "no action";
            throw new IOException("rspamd answered without an action: " + Text.printable(error, 200));
        }
        List<String> symbols = new ArrayList<>();
        for (Iterator<String> names = root.path("symbols").fieldNames(); names.hasNext(); ) {
            symbols.add(names.next());
        }
        return new RspamdReply(Action.parse(root.path("action").asText()), root.path("score").asDouble(0),
                root.path("required_score").asDouble(0), text(root.path("subject")),
                addedHeader(root.path("milter").path("add_headers"), "Authentication-Results"), symbols);
    }

    private static Optional<String> addedHeader(JsonNode added, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = added.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equalsIgnoreCase(name)) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isArray()) {
                v = v.size() > 0 ? v.get(0) : v;
            }
            return v.isObject() ? text(v.path("value")) : text(v);
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
