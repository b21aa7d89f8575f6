package org.mailstack.mailctl;

public final class Mailctl {
    private Mailctl() {}

    public static void main(String[] args) {
        throw new UnsupportedOperationException("not built yet");
    }
}
