/**
 * Caption sources of the pairs job. {@code --source annotations} reads captions that come with the
 * data: COCO captions JSON ({@link ai.use.jobs.captions.CocoCaptions}), Visual Genome region
 * descriptions JSON whose boxes skip grounding ({@link ai.use.jobs.captions.VisualGenomeRegions}),
 * or a Parquet / CSV table of image → caption ({@link ai.use.jobs.captions.CaptionTable}); all land
 * in a {@link ai.use.jobs.captions.CaptionIndex} that executors look images up in.
 */
package ai.use.jobs.captions;
