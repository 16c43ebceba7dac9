/** Entities of the domain folders, registered with the ORM in one list. */
import { Programme } from '../programmes/programme.entity.js';
import { ProgrammeVersion } from '../programmes/programme-version.entity.js';
import { Application } from '../applications/application.entity.js';
import { ApplicationEvent } from '../applications/application-event.entity.js';
import { Objection } from '../notices/objection.entity.js';
import { Attachment } from '../files/attachment.entity.js';
import { registerEntities } from '../registers/index.js';

export const entities: Function[] = [Programme, ProgrammeVersion, Application, ApplicationEvent, Objection, Attachment, ...registerEntities];
