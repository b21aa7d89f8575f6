package org.mailstack.mailctl.command;

import java.util.List;
import org.mailstack.mailctl.account.AccountView;
import org.mailstack.mailctl.json.JsonText;

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

    static String quote(String s) {
        return JsonText.quote(s);
    }
}
