"""Real mail clients (Python's smtplib and imaplib) run from the test swarm's outside host over IPv6.

  ipv6_client.py send HOST RCPT SUBJECT         one message through HOST's port 25; prints the final reply
  ipv6_client.py probes HOST USER DOMAIN        open-relay probes, unauthenticated; one line per RCPT: reply
  ipv6_client.py imap HOST PORT USER PASSWORD SUBJECT   how many INBOX messages carry SUBJECT (STARTTLS or TLS)
  ipv6_client.py banners HOST PORT...            per port, what answers: the greeting, or the TLS handshake
Exits 1 with the reason on any error. Every socket has a timeout.
"""
import imaplib
import smtplib
import ssl
import sys

TIMEOUT = 20


def tls():
    # The containers' self-signed certificates: the test checks reachability and behaviour, not the PKI.
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def send(host, rcpt, subject):
    with smtplib.SMTP(host, 25, timeout=TIMEOUT) as smtp:
        smtp.ehlo("outside.example.org")
        body = "From: <someone@example.org>\r\nTo: <%s>\r\nSubject: %s\r\n\r\nSent over IPv6.\r\n" % (rcpt, subject)
        code, reply = smtp.mail("someone@example.org")
        assert code == 250, (code, reply)
        code, reply = smtp.rcpt(rcpt)
        assert code == 250, (code, reply)
        code, reply = smtp.data(body)
        print(code, reply.decode())


# The probes of the main container's OpenRelayIT (over IPv4), with USER an existing account and DOMAIN the mail domain.
PROBES = [
    "victim@elsewhere.example",
    "victim%elsewhere.example@USER.DOMAIN",
    "victim%elsewhere.example@DOMAIN",
    "elsewhere.example!victim@USER.DOMAIN",
    "\"victim@elsewhere.example\"@USER.DOMAIN",
    "\"victim%elsewhere.example\"@USER.DOMAIN",
    "@USER.DOMAIN:victim@elsewhere.example",
    "@mail.DOMAIN,@USER.DOMAIN:victim@elsewhere.example",
    "victim@elsewhere.example@USER.DOMAIN",
    "victim@ELSEWHERE.EXAMPLE",
    "victim@elsewhere.example.",
    "box@USER.DOMAIN.",
    "victim@DOMAIN.elsewhere.example",
    "victim@[127.0.0.1]",
    "victim@[IPv6:::1]",
]


def probes(host, user, domain):
    with smtplib.SMTP(host, 25, timeout=TIMEOUT) as smtp:
        smtp.ehlo("outside.example.org")
        code, reply = smtp.mail("spammer@elsewhere.example")
        assert code == 250, (code, reply)
        for template in PROBES:
            rcpt = "<" + template.replace("USER", user).replace("DOMAIN", domain) + ">"
            code, reply = smtp.docmd("RCPT TO:" + rcpt)
            print("%s %d %s" % (rcpt, code, reply.decode().replace("\n", " ")))


def imap(host, port, user, password, subject):
    if int(port) == 993:
        client = imaplib.IMAP4_SSL(host, 993, ssl_context=tls(), timeout=TIMEOUT)
    else:
        client = imaplib.IMAP4(host, int(port), timeout=TIMEOUT)
        client.starttls(ssl_context=tls())
    client.login(user, password)
    client.select("INBOX", readonly=True)
    status, data = client.search(None, "SUBJECT", '"%s"' % subject)
    assert status == "OK", (status, data)
    print(len(data[0].split()))
    client.logout()


def banners(host, *ports):
    import socket
    for port in ports:
        with socket.create_connection((host, int(port)), timeout=TIMEOUT) as raw:
            if int(port) in (465, 993, 443):
                with tls().wrap_socket(raw, server_hostname="mail.example.test") as s:
                    if int(port) == 443:
                        s.sendall(b"GET /login HTTP/1.0\r\nHost: mail.example.test\r\n\r\n")
                    print(port, s.version(), s.recv(40).decode(errors="replace").splitlines()[0])
            else:
                raw.settimeout(TIMEOUT)
                print(port, raw.recv(40).decode(errors="replace").splitlines()[0])


def main(argv):
    commands = {"send": send, "probes": probes, "imap": imap, "banners": banners}
    if len(argv) < 2 or argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        commands[argv[1]](*argv[2:])
    except Exception as e:  # the test prints the reason
        print("error: %r" % (e,), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
