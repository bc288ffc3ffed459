/**
 * COCO-style annotation files: {@link ai.use.common.coco.CocoReader} parses instances (polygons,
 * compressed and uncompressed RLE) and caption phrase spans into serializable records.
 */
package ai.use.common.coco;
