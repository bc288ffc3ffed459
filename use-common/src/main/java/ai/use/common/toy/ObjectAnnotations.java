package ai.use.common.toy;

import java.util.Map;

/** An object of a scene with its object annotation and the annotations of its parts. */
record ObjectAnnotations(
    SceneObject object, ToyAnnotation annotation, Map<ToyPart, ToyAnnotation> parts) {}
