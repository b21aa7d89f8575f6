package org.mailstack.imap.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * THREAD=REFERENCES (RFC 5256 section 2.2, the algorithm of section 3): messages are linked by their References
 * (or, without any, the first In-Reply-To) message IDs; referenced messages not in the set become dummies, which are
 * pruned; root threads are then merged by base subject; every set of siblings is ordered by sent date, then by
 * sequence number. Pure: the caller supplies the header values.
 */
final class ReferenceThreads {
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>]*)>");

    /** One message to thread: {@code id} is what the response shows (sequence number or UID). */
    record Message(long id, int seq, String messageId, String inReplyTo, String references, String subject,
                   Instant sentDate) {
    }

    /** A container of RFC 5256: a message, or a dummy (null message) standing for a referenced one. */
    private static final class Node {
        Message message;
        Node parent;
        final List<Node> children = new ArrayList<>();
        boolean replyOrForward;
        String subject;

        boolean isDummy() {
            return message == null;
        }

        /** The message a sibling sort and the subject use: a dummy's first child (children sorted first). */
        Message representative() {
            return message != null ? message : children.get(0).representative();
        }

        boolean isAncestorOrSelf(Node other) {
            for (Node n = other; n != null; n = n.parent) {
                if (n == this) {
                    return true;
                }
            }
            return false;
        }

        void detach() {
            if (parent != null) {
                parent.children.remove(this);
                parent = null;
            }
        }

        void adopt(Node child) {
            child.detach();
            child.parent = this;
            children.add(child);
        }
    }

    private static final Comparator<Node> BY_DATE = Comparator
            .comparing((Node n) -> n.representative().sentDate())
            .thenComparingInt(n -> n.representative().seq());

    private ReferenceThreads() {
    }

    /** The {@code thread-list} of the THREAD response (without the leading "THREAD"), e.g. {@code (1 2)(3 (4)(5))}. */
    static String threads(List<Message> messages) {
        List<Node> roots = link(messages);
        roots = prune(roots, true);
        for (Node root : roots) {
            if (root.isDummy()) {
                root.children.sort(BY_DATE);
            }
        }
        roots.sort(BY_DATE);
        roots = mergeBySubject(roots);
        sortSiblings(roots);
        StringBuilder out = new StringBuilder();
        for (Node root : roots) {
            out.append('(');
            member(root, out);
            out.append(')');
        }
        return out.toString();
    }

    // ---- (1) linking, (2) the root set ------------------------------------------------------------------------------

    private static List<Node> link(List<Message> messages) {
        Map<String, Node> byId = new HashMap<>();
        List<Node> all = new ArrayList<>();
        for (Message m : messages) {
            String own = first(ids(m.messageId()));
            Node node = own == null ? null : byId.get(own);
            if (node == null || !node.isDummy()) { // none, or a duplicate ID: a node of its own
                node = new Node();
                if (own != null && !byId.containsKey(own)) {
                    byId.put(own, node);
                }
                all.add(node);
            }
            node.message = m;
            List<String> refs = ids(m.references());
            if (refs.isEmpty()) {
                String parent = first(ids(m.inReplyTo()));
                refs = parent == null ? List.of() : List.of(parent);
            }
            Node previous = null;
            for (String ref : refs) {
                Node current = byId.computeIfAbsent(ref, k -> {
                    Node dummy = new Node();
                    all.add(dummy);
                    return dummy;
                });
                if (previous != null && current.parent == null && !current.isAncestorOrSelf(previous)) {
                    previous.adopt(current);
                }
                previous = current;
            }
            // (1B) the last reference is the parent: an older link (a guess from a truncated References) is broken
            // first, and no link is made that would close a loop, so the message may become a root
            if (previous != node.parent) {
                node.detach();
                if (previous != null && !node.isAncestorOrSelf(previous)) {
                    previous.adopt(node);
                }
            }
        }
        List<Node> roots = new ArrayList<>();
        for (Node n : all) {
            if (n.parent == null) {
                roots.add(n);
            }
        }
        return roots;
    }

    /** Valid message IDs in a header value, in order, without the angle brackets. */
    private static List<String> ids(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        Matcher m = MESSAGE_ID.matcher(value);
        while (m.find()) {
            String id = m.group(1).replaceAll("\\s+", "");
            if (id.indexOf('@') > 0) {
                out.add(id);
            }
        }
        return out;
    }

    private static String first(List<String> ids) {
        return ids.isEmpty() ? null : ids.get(0);
    }

    // ---- (4) pruning dummies ---------------------------------------------------------------------------------------

    /**
     * Drops dummies without children and splices the children of the others into their place, except that a dummy
     * at the top keeps two or more children (they must not all become roots).
     */
    private static List<Node> prune(List<Node> level, boolean top) {
        List<Node> out = new ArrayList<>();
        for (Node n : level) {
            List<Node> kids = prune(new ArrayList<>(n.children), false);
            n.children.clear();
            for (Node k : kids) {
                k.parent = n;
                n.children.add(k);
            }
            if (!n.isDummy()) {
                out.add(n);
            } else if (!n.children.isEmpty() && (!top || n.children.size() == 1)) {
                for (Node k : n.children) {
                    k.parent = top ? null : n.parent;
                    out.add(k);
                }
            } else if (!n.children.isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }

    // ---- (6) merging by subject ------------------------------------------------------------------------------------

    private static List<Node> mergeBySubject(List<Node> roots) {
        Map<String, Node> table = new LinkedHashMap<>();
        for (Node root : roots) {
            BaseSubject.Extracted e = BaseSubject.extract(root.representative().subject());
            root.subject = e.base();
            root.replyOrForward = e.replyOrForward();
            if (root.subject.isEmpty()) {
                continue;
            }
            Node old = table.get(root.subject);
            if (old == null || (!old.isDummy() && (root.isDummy() || (old.replyOrForward && !root.replyOrForward)))) {
                table.put(root.subject, root);
            }
        }
        List<Node> out = new ArrayList<>();
        for (Node root : roots) {
            Node kept = root.subject.isEmpty() ? root : table.get(root.subject);
            if (kept == root) {
                out.add(root);
            } else if (root.isDummy() && kept.isDummy()) {
                for (Node child : new ArrayList<>(root.children)) {
                    kept.adopt(child);
                }
            } else if (kept.isDummy() || (root.replyOrForward && !kept.replyOrForward)) {
                kept.adopt(root);
            } else {
                Node dummy = new Node();
                dummy.subject = kept.subject;
                int at = out.indexOf(kept);
                dummy.adopt(kept);
                dummy.adopt(root);
                if (at >= 0) {
                    out.set(at, dummy);
                } else { // the kept message comes later in the root order: the dummy takes its place there
                    roots.set(roots.indexOf(kept), dummy);
                }
                table.put(dummy.subject, dummy);
            }
        }
        return out;
    }

    // ---- (7) sorting and the response ------------------------------------------------------------------------------

    private static void sortSiblings(List<Node> level) {
        for (Node n : level) {
            sortSiblings(n.children);
        }
        level.sort(BY_DATE);
    }

    /** A thread member: its id, then one child inline or several as {@code (..)(..)}; a dummy shows its children. */
    private static void member(Node n, StringBuilder out) {
        if (!n.isDummy()) {
            out.append(n.message.id());
            if (n.children.isEmpty()) {
                return;
            }
            out.append(' ');
            if (n.children.size() == 1) {
                member(n.children.get(0), out);
                return;
            }
        }
        for (Node child : n.children) {
            out.append('(');
            member(child, out);
            out.append(')');
        }
    }
}
