package org.mailstack.core.account;

/** A refused account name; {@link #rule()} says which rule it breaks. */
public final class InvalidAccountNameException extends IllegalArgumentException {
    /** The rules of {@link AccountName#of}. */
    public enum Rule {
        EMPTY("the name is empty"),
        TOO_LONG("the name is longer than 63 characters (a DNS label)"),
        CHARACTERS("the name may contain only lowercase letters a-z, digits 0-9 and '-'"),
        HYPHEN_AT_END("the name must not start or end with '-'"),
        RESERVED("the name is reserved for the mail system");

        private final String text;

        Rule(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Rule rule;

    public InvalidAccountNameException(Rule rule) {
        super("invalid account name: " + rule.text());
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
