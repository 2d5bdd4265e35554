export { classifyTherapistActs, type TherapistActs } from './acts.js'
