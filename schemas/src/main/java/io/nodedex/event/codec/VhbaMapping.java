package io.nodedex.event.codec;

import io.nodedex.device.Wwn;
import io.nodedex.event.Payload;
import io.nodedex.event.VhbaCommand;
import io.nodedex.event.VhbaDeleteRequested;
import io.nodedex.event.VhbaOutcome;
import io.nodedex.event.VhbaRequestExpired;
import io.nodedex.event.VhbaRequested;
import io.nodedex.npiv.Criteria;
import io.nodedex.npiv.ParentPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link AvroMapping}'s part for the vHBA requests, their outcomes and commands (schema v5). A
 * criterion is carried as the one field it sets ({@code parent}, the pair {@code parentWwnn} and
 * {@code parentWwpn}, or {@code parentFabricWwn}), none for any parent. Stateless.
 */
final class VhbaMapping {

    private VhbaMapping() {
    }

    static Object toAvro(Payload payload) {
        if (payload instanceof VhbaRequested requested) {
            io.nodedex.avro.VhbaRequested.Builder avro = io.nodedex.avro.VhbaRequested.newBuilder()
                    .setRequestId(requested.requestId())
                    .setPolicy(requested.policy().wireName())
                    .setWwnn(requested.wwnn().map(Wwn::value).orElse(null))
                    .setWwpn(requested.wwpn().map(Wwn::value).orElse(null));
            Criteria criteria = requested.criteria();
            if (criteria instanceof Criteria.ByName byName) {
                avro.setParent(byName.name());
            } else if (criteria instanceof Criteria.ByWwnPair pair) {
                avro.setParentWwnn(pair.wwnn().value()).setParentWwpn(pair.wwpn().value());
            } else if (criteria instanceof Criteria.ByFabric fabric) {
                avro.setParentFabricWwn(fabric.fabricWwn().value());
            }
            return avro.build();
        }
        if (payload instanceof VhbaDeleteRequested delete) {
            return new io.nodedex.avro.VhbaDeleteRequested(delete.requestId(), delete.name());
        }
        if (payload instanceof VhbaOutcome outcome) {
            return new io.nodedex.avro.VhbaOutcome(outcome.requestId(),
                    io.nodedex.avro.VhbaResult.valueOf(outcome.result().name()), outcome.name().orElse(null),
                    outcome.message());
        }
        if (payload instanceof VhbaRequestExpired expired) {
            return new io.nodedex.avro.VhbaRequestExpired(expired.requestId(), expired.timeout().toMillis());
        }
        if (payload instanceof VhbaCommand command) {
            return new io.nodedex.avro.VhbaCommand(command.requestId(),
                    io.nodedex.avro.VhbaAction.valueOf(command.action().name()), command.device(),
                    command.wwnn().map(Wwn::value).orElse(null), command.wwpn().map(Wwn::value).orElse(null),
                    command.deadline());
        }
        throw AvroMapping.unmapped(payload);
    }

    static Payload fromAvro(Object payload) {
        if (payload instanceof io.nodedex.avro.VhbaRequested requested) {
            return new VhbaRequested(AvroMapping.text(requested.getRequestId()), criteria(requested),
                    ParentPolicy.parse(AvroMapping.text(requested.getPolicy())),
                    requested.getWwnn().map(Wwn::new), requested.getWwpn().map(Wwn::new));
        }
        if (payload instanceof io.nodedex.avro.VhbaDeleteRequested delete) {
            return new VhbaDeleteRequested(AvroMapping.text(delete.getRequestId()), AvroMapping.text(delete.getName()));
        }
        if (payload instanceof io.nodedex.avro.VhbaOutcome outcome) {
            return new VhbaOutcome(AvroMapping.text(outcome.getRequestId()),
                    VhbaOutcome.Result.valueOf(outcome.getResult().name()),
                    outcome.getName().map(AvroMapping::text), AvroMapping.text(outcome.getMessage()));
        }
        if (payload instanceof io.nodedex.avro.VhbaRequestExpired expired) {
            return new VhbaRequestExpired(AvroMapping.text(expired.getRequestId()),
                    Duration.ofMillis(expired.getTimeoutMillis()));
        }
        if (payload instanceof io.nodedex.avro.VhbaCommand command) {
            return new VhbaCommand(AvroMapping.text(command.getRequestId()),
                    VhbaCommand.Action.valueOf(command.getAction().name()), AvroMapping.text(command.getDevice()),
                    command.getWwnn().map(Wwn::new), command.getWwpn().map(Wwn::new), command.getDeadline());
        }
        throw AvroMapping.unmapped(payload);
    }

    /** The one criterion the record carries; the model refuses a record with several or half a pair. */
    private static Criteria criteria(io.nodedex.avro.VhbaRequested requested) {
        Optional<String> parent = requested.getParent().map(AvroMapping::text);
        Optional<Long> wwnn = requested.getParentWwnn();
        Optional<Long> wwpn = requested.getParentWwpn();
        Optional<Long> fabric = requested.getParentFabricWwn();
        int given = (parent.isPresent() ? 1 : 0) + (wwnn.isPresent() || wwpn.isPresent() ? 1 : 0)
                + (fabric.isPresent() ? 1 : 0);
        if (given > 1) {
            throw new io.nodedex.device.InvalidInputException("a vHBA request carries more than one parent criterion");
        }
        if (parent.isPresent()) {
            return Criteria.byName(parent.get());
        }
        if (wwnn.isPresent() != wwpn.isPresent()) {
            throw new io.nodedex.device.InvalidInputException("a vHBA request carries half a parent WWN pair");
        }
        if (wwnn.isPresent()) {
            return Criteria.byWwnPair(new Wwn(wwnn.get()), new Wwn(wwpn.get()));
        }
        return fabric.map(f -> Criteria.byFabric(new Wwn(f))).orElse(Criteria.any());
    }
}
