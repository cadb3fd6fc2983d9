export { AnnotationHistory, Recorder, applyChanges, type Change, type Edit, type ItemKind } from './history';
export * from './operations';
export { speakerChoices, suggestionReason, speakerFilterText, type SpeakerChoice } from './choices';
