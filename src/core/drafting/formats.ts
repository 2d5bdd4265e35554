import type { NoteFormat } from './draft.schema.js'

/** What a sentence of the session contributes to a note. */
export type Category =
  | 'report'
  | 'goal'
  | 'measure'
  | 'mse'
  | 'intervention'
  | 'response'
  | 'appraisal'
  | 'risk'
  | 'plan'
  | 'impression'
  // intake (biopsychosocial)
  | 'referral'
  | 'history'
  | 'substance'
  | 'medical'
  | 'family_history'
  | 'social'
  // family
  | 'interaction'
  // group
  | 'group_content'
  // supervision
  | 'hours'
  | 'cases'
  | 'guidance'
  | 'development'

export interface SectionSpec {
  key: string
  title: string
  /** Categories whose sentences go here, in order of preference. */
  categories: Category[]
  /** Share of the note's word budget this section may use. */
  share: number
}

/** One table: every note format, its sections, and what fills them. */
export const FORMATS: Record<NoteFormat, { title: string; sections: SectionSpec[] }> = {
  soap: {
    title: 'SOAP progress note',
    sections: [
      { key: 'subjective', title: 'Subjective', categories: ['report', 'goal'], share: 0.42 },
      { key: 'objective', title: 'Objective', categories: ['measure', 'mse', 'intervention'], share: 0.22 },
      {
        key: 'assessment',
        title: 'Assessment',
        categories: ['impression', 'appraisal', 'response', 'risk'],
        share: 0.14,
      },
      { key: 'plan', title: 'Plan', categories: ['plan'], share: 0.22 },
    ],
  },
  dap: {
    title: 'DAP progress note',
    sections: [
      {
        key: 'data',
        title: 'Data',
        categories: ['report', 'goal', 'measure', 'mse', 'intervention', 'response'],
        share: 0.66,
      },
      {
        key: 'assessment',
        title: 'Assessment',
        categories: ['impression', 'appraisal', 'risk'],
        share: 0.12,
      },
      { key: 'plan', title: 'Plan', categories: ['plan'], share: 0.22 },
    ],
  },
  birp: {
    title: 'BIRP progress note',
    sections: [
      { key: 'behavior', title: 'Behavior', categories: ['report', 'goal', 'measure', 'mse'], share: 0.42 },
      { key: 'intervention', title: 'Intervention', categories: ['intervention'], share: 0.2 },
      {
        key: 'response',
        title: 'Response',
        categories: ['response', 'appraisal', 'impression', 'risk'],
        share: 0.16,
      },
      { key: 'plan', title: 'Plan', categories: ['plan'], share: 0.22 },
    ],
  },
  girp: {
    title: 'GIRP progress note',
    sections: [
      { key: 'goals', title: 'Goals', categories: ['goal'], share: 0.1 },
      { key: 'intervention', title: 'Intervention', categories: ['intervention'], share: 0.2 },
      {
        key: 'response',
        title: 'Response',
        categories: ['report', 'response', 'measure', 'mse', 'appraisal', 'impression', 'risk'],
        share: 0.48,
      },
      { key: 'plan', title: 'Plan', categories: ['plan'], share: 0.22 },
    ],
  },
  pie: {
    title: 'PIE progress note',
    sections: [
      { key: 'problem', title: 'Problem', categories: ['report', 'goal', 'measure', 'mse'], share: 0.42 },
      { key: 'intervention', title: 'Intervention', categories: ['intervention'], share: 0.2 },
      {
        key: 'evaluation',
        title: 'Evaluation',
        categories: ['response', 'appraisal', 'impression', 'risk', 'plan'],
        share: 0.38,
      },
    ],
  },
  intake: {
    title: 'Intake (biopsychosocial assessment)',
    sections: [
      {
        key: 'identifying',
        title: 'Identifying information and reason for referral',
        categories: ['referral'],
        share: 0.08,
      },
      { key: 'presenting', title: 'Presenting problem', categories: ['report', 'goal'], share: 0.16 },
      {
        key: 'history',
        title: 'History of present illness and psychiatric history',
        categories: ['history'],
        share: 0.12,
      },
      { key: 'substance', title: 'Substance use', categories: ['substance'], share: 0.07 },
      { key: 'medical', title: 'Medical history and medications', categories: ['medical'], share: 0.06 },
      { key: 'family_history', title: 'Family history', categories: ['family_history'], share: 0.05 },
      { key: 'social', title: 'Social history', categories: ['social'], share: 0.08 },
      { key: 'mse', title: 'Mental status (clinician-observed)', categories: ['mse'], share: 0.07 },
      { key: 'risk', title: 'Risk assessment', categories: ['risk'], share: 0.06 },
      { key: 'measures', title: 'Measures', categories: ['measure'], share: 0.04 },
      { key: 'impression', title: "Clinician's impression", categories: ['impression'], share: 0.06 },
      { key: 'plan', title: 'Plan', categories: ['plan', 'intervention'], share: 0.15 },
    ],
  },
  family: {
    title: 'Family session note',
    sections: [
      {
        key: 'concerns',
        title: 'Presenting concerns',
        categories: ['report', 'goal', 'measure'],
        share: 0.34,
      },
      { key: 'interaction', title: 'Family interaction', categories: ['interaction'], share: 0.14 },
      { key: 'intervention', title: 'Interventions', categories: ['intervention'], share: 0.18 },
      {
        key: 'response',
        title: 'Response',
        categories: ['response', 'appraisal', 'impression', 'risk'],
        share: 0.12,
      },
      { key: 'plan', title: 'Plan', categories: ['plan'], share: 0.22 },
    ],
  },
  group: {
    title: 'Group session note',
    sections: [
      { key: 'group', title: 'Group content (shared)', categories: ['group_content'], share: 0.22 },
      {
        key: 'participation',
        title: 'Member participation',
        categories: ['report', 'goal', 'measure'],
        share: 0.38,
      },
      {
        key: 'response',
        title: 'Member response',
        categories: ['response', 'appraisal', 'risk'],
        share: 0.18,
      },
      { key: 'plan', title: 'Plan', categories: ['plan'], share: 0.22 },
    ],
  },
  supervision: {
    title: 'Clinical supervision note',
    sections: [
      { key: 'overview', title: 'Supervision overview and hours', categories: ['hours'], share: 0.08 },
      { key: 'cases', title: 'Cases discussed', categories: ['cases', 'report'], share: 0.3 },
      { key: 'risk', title: 'Risk consultation', categories: ['risk'], share: 0.1 },
      {
        key: 'guidance',
        title: 'Supervisor guidance',
        categories: ['guidance', 'intervention'],
        share: 0.22,
      },
      { key: 'development', title: 'Supervisee development', categories: ['development'], share: 0.1 },
      { key: 'plan', title: 'Plan and action items', categories: ['plan'], share: 0.2 },
    ],
  },
}

/** The text a section carries when the session gave it nothing. Never an assumed-normal phrase. */
export const NOT_ADDRESSED = 'Not addressed in this session.'
