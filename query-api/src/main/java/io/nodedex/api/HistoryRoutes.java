package io.nodedex.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nodedex.api.Route.Access;
import io.nodedex.api.Route.Execution;
import io.nodedex.device.Wwn;
import io.nodedex.indexer.DeviceVersion;
import io.nodedex.indexer.IndexReader;
import io.nodedex.indexer.Page;
import io.nodedex.indexer.PageRequest;
import io.nodedex.indexer.WwpnHolding;
import io.nodedex.json.DeviceFields;
import io.nodedex.json.DeviceJson;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The history the indexer keeps (docs/design.md, "History is state"), oldest first, in pages
 * ({@link Paging}); times are RFC 3339, {@code to} absent while a version or holding lasts:
 * <ul>
 *   <li>{@code GET /v1/hosts/{host}/devices/{name}/history}: every version of one device, each
 *       its device or {@code "removed": true};</li>
 *   <li>{@code GET /v1/wwpn/{wwn}/history}: which fc_host of which host held the port name, from
 *       when to when.</li>
 * </ul>
 * Answers carry {@code historyKeptFrom} once the retention pruned older versions. No history is
 * a 404.
 */
final class HistoryRoutes {

    static final String DEVICE_HISTORY = "/v1/hosts/{host}/devices/{name}/history";
    static final String WWPN_HISTORY = "/v1/wwpn/{wwn}/history";

    private final IndexReader reader;

    HistoryRoutes(IndexReader reader) {
        this.reader = reader;
    }

    List<Route> routes() {
        return List.of(
                Route.get(DEVICE_HISTORY, Execution.EVENT_LOOP, Access.DATA, Role.READ, this::deviceHistory,
                        Paging.LIMIT, Paging.CURSOR),
                Route.get(WWPN_HISTORY, Execution.EVENT_LOOP, Access.DATA, Role.READ, this::wwpnHistory,
                        Paging.LIMIT, Paging.CURSOR));
    }

    private ApiResponse deviceHistory(ApiRequest request) {
        String hostId = request.path("host");
        String name = request.path("name");
        Paging paging = Paging.of(request, DEVICE_HISTORY, Map.of("host", hostId, "name", name));
        Page<DeviceVersion> page = reader.deviceHistory(hostId, name, paging.page());
        if (page.items().isEmpty() && reader.deviceHistory(hostId, name, PageRequest.first(1)).items().isEmpty()) {
            throw reader.host(hostId).isEmpty() ? HostRoutes.unknownHost(hostId)
                    : ApiException.notFound("host " + hostId + " has no history of a device '" + name + "'");
        }
        ObjectNode body = Json.object();
        body.put("host", hostId);
        body.put("name", name);
        keptFrom(body);
        ArrayNode versions = body.putArray("versions");
        for (DeviceVersion version : page.items()) {
            ObjectNode node = versions.addObject();
            node.put("from", version.from().toString());
            version.to().ifPresent(to -> node.put("to", to.toString()));
            version.device().ifPresentOrElse(device -> node.set("device", DeviceJson.toJson(device)),
                    () -> node.put("removed", true));
            version.change().ifPresent(change -> node.put("change", change.name().toLowerCase(Locale.ROOT)));
            if (!version.fields().isEmpty()) {
                ArrayNode fields = node.putArray("fields");
                for (DeviceFields.FieldChange field : version.fields()) {
                    ObjectNode changed = fields.addObject().put("field", field.field());
                    field.from().ifPresent(from -> changed.put("from", from));
                    field.to().ifPresent(to -> changed.put("to", to));
                }
            }
        }
        return ApiResponse.ok(paging.withNext(body, page));
    }

    private ApiResponse wwpnHistory(ApiRequest request) {
        Wwn wwpn = request.pathWwn("wwn");
        Paging paging = Paging.of(request, WWPN_HISTORY, Map.of("wwn", wwpn.toString()));
        Page<WwpnHolding> page = reader.wwpnHistory(wwpn, paging.page());
        if (page.items().isEmpty() && reader.wwpnHistory(wwpn, PageRequest.first(1)).items().isEmpty()) {
            throw ApiException.notFound("no fc_host ever had WWPN " + wwpn + " in the history this replica keeps");
        }
        ObjectNode body = Json.object();
        body.put("wwpn", wwpn.toString());
        keptFrom(body);
        ArrayNode holders = body.putArray("holders");
        for (WwpnHolding holding : page.items()) {
            ObjectNode node = holders.addObject();
            node.put("host", holding.hostId());
            node.put("name", holding.name());
            node.put("from", holding.from().toString());
            holding.to().ifPresent(to -> node.put("to", to.toString()));
        }
        return ApiResponse.ok(paging.withNext(body, page));
    }

    private void keptFrom(ObjectNode body) {
        reader.historyKeptFrom().ifPresent(from -> body.put("historyKeptFrom", from.toString()));
    }
}
