package dev.aso.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A reference that may also name its target by a name Azure knows (ASO's WellKnownResourceReference): a container
 * app's identity {@code system}, a built-in role's name ({@code Contributor}) for a role assignment's role definition.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WellKnownResourceReference extends ResourceReference {

    private String wellKnownName;

    public String getWellKnownName() {
        return wellKnownName;
    }

    public void setWellKnownName(String wellKnownName) {
        this.wellKnownName = wellKnownName;
    }
}
