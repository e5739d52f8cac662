package dev.aso.conversion;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Converts one whole custom resource (apiVersion, kind, metadata, spec, status) between the served
 * versions of its kind, always through the kind's hub (storage) version.
 */
public interface ObjectConverter {

    /**
     * @param object            the object as the apiserver sent it; not modified
     * @param desiredApiVersion {@code group/version}, e.g. {@code resources.azure.com/v1api20200601}
     * @return a new object at {@code desiredApiVersion}
     * @throws ConversionException when the kind or a version is unknown, or the object cannot be converted;
     *                             the message names the reason and is safe to show to a user
     */
    ObjectNode convert(ObjectNode object, String desiredApiVersion) throws ConversionException;
}
