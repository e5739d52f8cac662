package dev.aso.codegen.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aso.codegen.model.CommonType;
import dev.aso.codegen.model.Field;
import dev.aso.codegen.model.KindModel;
import dev.aso.codegen.model.TypeModel;
import dev.aso.codegen.model.TypeModel.ArrayModel;
import dev.aso.codegen.model.TypeModel.Common;
import dev.aso.codegen.model.TypeModel.MapModel;
import dev.aso.codegen.model.TypeModel.ObjectModel;
import dev.aso.codegen.model.TypeModel.Primitive;
import dev.aso.codegen.model.TypeModel.PrimitiveKind;
import dev.aso.codegen.model.VersionModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the generator writes for the webhooks of one version: the references and xFromConfig pairs wherever they are,
 * the destinations, the fixed name, the JSON Schema's constraints the CRD cannot hold, and the version to recommend.
 */
class AdmissionMetadataTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Primitive STRING = Primitive.plain(PrimitiveKind.STRING);

    @Test
    void namesEveryReferenceAndFromConfigPairAlongPropertiesItemsAndValues() throws Exception {
        ObjectModel identity = new ObjectModel("Identity", null, List.of(
                field("reference", new Common(CommonType.RESOURCE_REFERENCE)),
                field("tenantId", STRING), field("tenantIdFromConfig", new Common(CommonType.CONFIG_MAP_REFERENCE))));
        ObjectModel operatorSpec = new ObjectModel("OperatorSpec", null, List.of(
                field("secrets", new ObjectModel("Secrets", null, List.of(
                        field("key", new Common(CommonType.SECRET_DESTINATION))))),
                field("configMapExpressions", new ArrayModel(new Common(CommonType.DESTINATION_EXPRESSION), null, null))));
        VersionModel version = version("v1api20240101", false, false, List.of(
                field("azureName", new Primitive(PrimitiveKind.STRING, null, null, null, null, null, List.of("default"))),
                field("owner", new Common(CommonType.ARBITRARY_OWNER_REFERENCE)),
                field("identities", new ArrayModel(identity, null, null)),
                field("byName", new MapModel(new Common(CommonType.KNOWN_RESOURCE_REFERENCE))),
                field("password", new Common(CommonType.SECRET_REFERENCE)),
                field("operatorSpec", operatorSpec)));
        assertThat(AdmissionMetadata.of(version)).isEqualTo(json("""
                {"azureName":true,"fixedAzureName":"default","owner":true,
                 "references":{"properties":{
                   "owner":{"reference":["name"]},
                   "identities":{"items":{"properties":{"reference":{"reference":["group","kind","name"]}},
                                          "fromConfig":["tenantId"]}},
                   "byName":{"values":{"reference":["name"]}}}},
                 "destinations":[{"property":"secrets","target":"Secret","list":false},
                                 {"property":"configMapExpressions","target":"ConfigMap","list":true}]}"""));
    }

    @Test
    void keepsTheJsonSchemaConstraintsTheCrdCannotHoldOutsideTheHub() throws Exception {
        List<Field> fields = List.of(field("azureName",
                new Primitive(PrimitiveKind.STRING, "^(?!-)[a-z-]+$", 1, 63, null, null, null)));
        assertThat(AdmissionMetadata.of(version("v1api20240101", false, false, fields)).get("schema")).isEqualTo(json("""
                {"properties":{"azureName":{"pattern":"^(?!-)[a-z-]+$"}},
                 "$schema":"https://json-schema.org/draft/2020-12/schema"}"""));
        assertThat(AdmissionMetadata.of(version("v1api20240101storage", true, false, fields)).has("schema")).isFalse();
        List<Field> re2 = List.of(field("azureName", new Primitive(PrimitiveKind.STRING, "^[a-z-]+$", 1, 63, null, null, null)));
        assertThat(AdmissionMetadata.of(version("v1api20240101", false, false, re2)).has("schema")).isFalse();
    }

    @Test
    void recommendsTheNewestVersionThatIsNeitherDeprecatedNorTheHub() {
        List<Field> none = List.of();
        KindModel kind = kind(List.of(version("v1beta20240101", false, false, none), version("v1api20240101", false, false, none),
                version("v1api20250101", false, true, none), version("v1api20240101storage", true, false, none)));
        assertThat(AdmissionMetadata.recommendedVersion(kind)).isEqualTo("v1api20240101");
        assertThat(AdmissionMetadata.recommendedVersion(kind(List.of(version("v1api20240101storage", true, false, none)))))
                .isNull();
    }

    private static Field field(String json, TypeModel type) {
        return new Field(json, type, false, null, null);
    }

    private static VersionModel version(String name, boolean storage, boolean deprecated, List<Field> spec) {
        return new VersionModel(name, "2024-01-01", storage, deprecated, null, new ObjectModel("WidgetSpec", null, spec),
                new ObjectModel("WidgetStatus", null, List.of()), List.of(), List.of());
    }

    private static KindModel kind(List<VersionModel> versions) {
        return new KindModel("widgets.azure.com", "widgets", List.of(), "Widget", "widgets", "Microsoft.Widgets/widgets",
                null, null, false, null, versions, Map.of(), Map.of());
    }

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }
}
