package org.mailstack.mailctl.command;

import java.util.List;
import org.mailstack.mailctl.account.AccountView;

/** JSON (RFC 8259) for {@code list --json} and {@code show --json}: unknown values are {@code null}. */
final class Json {
    private Json() {}

    static String accounts(List<AccountView> views) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < views.size(); i++) {
            sb.append(i == 0 ? "\n  " : ",\n  ").append(account(views.get(i)));
        }
        return sb.append(views.isEmpty() ? "]" : "\n]").toString();
    }

    static String account(AccountView v) {
        return "{" + field("user", v.user()) + "," + field("address", v.address()) + ","
                + field("service", v.service()) + "," + field("node", v.node()) + "," + field("arch", v.arch()) + ","
                + field("state", v.state()) + "," + field("health", v.health()) + ","
                + "\"maildirBytes\":" + v.maildirBytes() + ",\"messages\":" + v.messages() + ","
                + "\"sshPort\":" + v.sshPort() + "," + field("image", v.image()) + ","
                + "\"imageCurrent\":" + v.imageCurrent() + ","
                + field("created", v.created()) + "}";
    }

    private static String field(String name, String value) {
        return quote(name) + ":" + (value == null ? "null" : quote(value));
    }

    /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259 section 7). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
