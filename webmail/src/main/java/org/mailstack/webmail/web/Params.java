package org.mailstack.webmail.web;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.mailstack.webmail.mail.MessageRef;

/**
 * Reads folder names and UIDs from a request. They are only names: they are resolved on the session's own IMAP
 * connection, so changing them can at worst name another message of the same user. Nothing here names a host or
 * a user.
 */
final class Params {
    static final int MAX_FOLDER_NAME = 512;
    static final int MAX_UIDS = 1000;

    private Params() {
    }

    static String folder(Context ctx, String name, String fallback) {
        String f = ctx.queryParam(name);
        if (f == null) {
            f = ctx.formParam(name);
        }
        if (f == null || f.isEmpty()) {
            return fallback;
        }
        return checkFolder(f);
    }

    static String checkFolder(String f) {
        if (f.length() > MAX_FOLDER_NAME || f.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new BadRequestResponse("That folder name is not valid.");
        }
        return f;
    }

    static MessageRef ref(Context ctx) {
        String uid = ctx.queryParam("uid");
        return new MessageRef(folder(ctx, "f", "INBOX"), uid(uid));
    }

    static long uid(String text) {
        try {
            long uid = Long.parseLong(text == null ? "" : text.strip());
            if (uid < 1 || uid > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return uid;
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("That message reference is not valid.");
        }
    }

    static List<Long> uids(List<String> values) {
        if (values.isEmpty()) {
            throw new BadRequestResponse("Select at least one message.");
        }
        if (values.size() > MAX_UIDS) {
            throw new BadRequestResponse("Too many messages selected.");
        }
        List<Long> out = new ArrayList<>();
        values.forEach(v -> out.add(uid(v)));
        return out;
    }

    static int number(String text, int fallback, int max) {
        try {
            int n = text == null ? fallback : Integer.parseInt(text);
            return n < 0 || n > max ? fallback : n;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
