/**
 * Referring phrases from captions: OpenNLP noun-phrase chunks (the classic 1.5 English models,
 * bundled, offline) expanded by a small rule set into object and part phrases that keep their exact
 * character spans. See {@code docs/phrases.md}.
 */
package ai.use.model.text;
