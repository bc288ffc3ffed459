package ai.use.common.coco;

import java.io.Serializable;

/** An entry of a COCO file's {@code categories} list. */
public record CocoCategory(long id, String name, String supercategory) implements Serializable {}
