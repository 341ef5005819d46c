/** All matrix entries, one file per area. A new area adds its file here (one line). */
import type { Entry } from '../types';
import admin from './admin';
import bids from './bids';
import directory from './directory';
import documents from './documents';
import funding from './funding';
import general from './general';
import governance from './governance';
import membership from './membership';
import mentoring from './mentoring';
import notices from './notices';

export const entries: Entry[] = [...admin, ...bids, ...directory, ...documents, ...funding, ...general, ...governance, ...membership, ...mentoring, ...notices];
