package dev.aso.codegen.model;

import dev.aso.codegen.model.TypeModel.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Derives the hub (storage) version from the newest stable version: no validation (it must hold whatever any
 * served version converts into it), a {@code $propertyBag} on every object for what the hub has no field for,
 * and {@code spec.originalVersion}.
 */
public final class HubTransformer {

    public static final String PROPERTY_BAG = "$propertyBag";
    public static final String ORIGINAL_VERSION = "originalVersion";

    private final ClassNames classes;

    public HubTransformer(ClassNames classes) {
        this.classes = classes;
    }

    public VersionModel toHub(VersionModel source) {
        ObjectModel spec = root(source.spec(), true);
        ObjectModel status = root(source.status(), false);
        return new VersionModel(source.name() + "storage", source.apiVersion(), true, false, null, spec, status,
                source.actions(), source.requiredContainers());
    }

    private ObjectModel root(ObjectModel model, boolean spec) {
        List<Field> fields = new ArrayList<>(relaxFields(model.fields()));
        fields.add(propertyBag());
        if (spec) {
            fields.add(new Field(ORIGINAL_VERSION, Primitive.plain(TypeModel.PrimitiveKind.STRING), false,
                    "The version the resource was last written at; Azure is called with its api-version.", null));
        }
        fields.sort(Comparator.comparing(Field::json));
        ObjectModel root = new ObjectModel(model.name(), model.description(), fields);
        classes.reserve(root.name(), root);
        return root;
    }

    private List<Field> relaxFields(List<Field> fields) {
        return fields.stream()
                .map(f -> new Field(f.json(), relax(f.type()), false, null, f.arm()))
                .toList();
    }

    private TypeModel relax(TypeModel type) {
        if (type instanceof Primitive p) {
            return p.withoutValidation();
        } else if (type instanceof ArrayModel a) {
            return new ArrayModel(relax(a.item()), null, null);
        } else if (type instanceof MapModel m) {
            return new MapModel(relax(m.value()));
        } else if (type instanceof ObjectModel o) {
            List<Field> fields = new ArrayList<>(relaxFields(o.fields()));
            fields.add(propertyBag());
            fields.sort(Comparator.comparing(Field::json));
            return classes.register(new ObjectModel(o.name(), null, fields));
        } else if (type instanceof Any a) {
            return a;
        } else if (type instanceof Common c) {
            return c;
        }
        throw new IllegalStateException("unexpected " + type);
    }

    private static Field propertyBag() {
        return new Field(PROPERTY_BAG, new MapModel(Primitive.plain(TypeModel.PrimitiveKind.STRING)), false,
                "Values from other versions that this version has no field for, kept so that nothing is lost.", null);
    }

}
