/** Entities of the domain folders, registered with the ORM in one list. */
import { Programme } from '../programmes/programme.entity.js';
import { ProgrammeVersion } from '../programmes/programme-version.entity.js';

export const entities: Function[] = [Programme, ProgrammeVersion];
