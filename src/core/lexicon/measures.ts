/**
 * Standardised measures and rating scales, with the spellings people use for them. A score on a
 * measure is a fact the note must keep (omission check) and must not change (number check).
 */
export interface Measure {
  name: string
  /** Regular expression source matching the measure's names (case-insensitive). */
  pattern: string
}

export const MEASURES: readonly Measure[] = [
  { name: 'PHQ-9', pattern: 'phq[- ]?9|patient health questionnaire' },
  { name: 'PHQ-2', pattern: 'phq[- ]?2' },
  { name: 'PHQ-A', pattern: 'phq[- ]?a\\b' },
  { name: 'GAD-7', pattern: 'gad[- ]?7' },
  { name: 'PCL-5', pattern: 'pcl[- ]?5|\\bpcl\\b|ptsd checklist' },
  { name: 'Y-BOCS', pattern: 'y[- ]?bocs|yale[- ]brown' },
  { name: 'AUDIT', pattern: '\\baudit(?:[- ]c)?\\b' },
  { name: 'DAST-10', pattern: '\\bdast(?:[- ]?10)?\\b' },
  { name: 'C-SSRS', pattern: 'c[- ]?ssrs|columbia(?: suicide)?(?: severity)?' },
  { name: 'ASQ', pattern: '\\basq\\b' },
  { name: 'BDI-II', pattern: '\\bbdi(?:[- ]?ii)?\\b|beck depression' },
  { name: 'BAI', pattern: '\\bbai\\b|beck anxiety' },
  { name: 'EPDS', pattern: '\\bepds\\b|edinburgh' },
  { name: 'MDQ', pattern: '\\bmdq\\b|mood disorder questionnaire' },
  { name: 'ASRS', pattern: '\\basrs\\b' },
  { name: 'CAGE', pattern: '\\bcage questionnaire\\b' },
  { name: 'ORS', pattern: '\\bors\\b|outcome rating scale' },
  { name: 'SRS', pattern: 'session rating scale' },
  { name: 'CORE-10', pattern: 'core[- ]?10' },
  { name: 'K10', pattern: '\\bk[- ]?10\\b|kessler' },
  { name: 'WHODAS', pattern: 'whodas' },
  { name: 'ISI', pattern: '\\bisi\\b|insomnia severity index' },
  { name: 'PSQI', pattern: 'psqi|pittsburgh sleep' },
  { name: 'ACE', pattern: '\\bace score\\b|adverse childhood' },
  { name: 'SUDS', pattern: '\\bsuds\\b|subjective units' },
  { name: 'CGI', pattern: '\\bcgi\\b|clinical global impression' },
  { name: 'OCI-R', pattern: 'oci[- ]?r' },
  { name: 'SCARED', pattern: '\\bscared\\b(?= (?:score|screen))' },
  { name: 'Vanderbilt', pattern: 'vanderbilt' },
  { name: 'MoCA', pattern: '\\bmoca\\b' },
]
