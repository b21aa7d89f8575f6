package org.mailstack.main.account;

/**
 * One account as Docker knows it: the user name (label {@code org.mailstack.account}) and the name of its swarm service,
 * which resolves to the service's tasks on the overlay network (dnsrr endpoints).
 */
public record Account(String user, String serviceName) {
}
