package org.mailstack.main.address;

/** An address the relay will not take, with the SMTP reply that says why (RFC 3463 enhanced code in the text). */
public final class AddressRejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;

    public AddressRejected(int code, String text) {
        super(text);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
