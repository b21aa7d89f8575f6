package org.mailstack.main.delivery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Where mail for a domain goes (RFC 5321 §5.1), by dnsjava. */
public interface MxResolver {

    /** Outcome of a lookup: hosts in preference order, or why there are none. */
    record Result(List<String> hosts, boolean permanentFailure, String reason) {
        static Result of(List<String> hosts) {
            return new Result(hosts, false, "");
        }

        static Result failure(boolean permanent, String reason) {
            return new Result(List.of(), permanent, reason);
        }
    }

    Result resolve(String domain);

    /**
     * The DNS: MX records by preference; no MX but an address means the domain itself (implicit MX); a null MX
     * ({@code 0 .}, RFC 7505) or a non-existent domain is permanent; a DNS failure is temporary.
     */
    static MxResolver dns() {
        return domain -> {
            try {
                Lookup mx = new Lookup(Name.fromString(domain + "."), Type.MX);
                Record[] records = mx.run();
                if (mx.getResult() == Lookup.SUCCESSFUL && records != null) {
                    List<MXRecord> list = new ArrayList<>();
                    Arrays.stream(records).filter(MXRecord.class::isInstance).map(MXRecord.class::cast)
                            .forEach(list::add);
                    list.sort(Comparator.comparingInt(MXRecord::getPriority));
                    if (list.size() == 1 && list.get(0).getTarget().equals(Name.root)) {
                        return Result.failure(true, "556 5.1.10 domain accepts no mail (null MX)");
                    }
                    return Result.of(list.stream().map(r -> r.getTarget().toString(true)).toList());
                }
                if (mx.getResult() == Lookup.HOST_NOT_FOUND) {
                    return Result.failure(true, "550 5.1.2 domain does not exist");
                }
                if (mx.getResult() == Lookup.TYPE_NOT_FOUND) {
                    return Result.of(List.of(domain));
                }
                return Result.failure(false, "DNS lookup failed: " + mx.getErrorString());
            } catch (TextParseException e) {
                return Result.failure(true, "550 5.1.2 bad domain");
            }
        };
    }
}
