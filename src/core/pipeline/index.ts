export { type DraftNoteOptions, draftNote } from './draft-note.js'
export {
  inferService,
  interactiveComplexityCues,
  prescriptionManaged,
  statedPsychotherapyMinutes,
} from './service.js'
