#!/usr/bin/env node
// Build step: writes the schemas' validators as standalone code into build/validate/.

import { writeFileSync } from 'node:fs';
import { STANDALONE_FILE, standaloneValidatorsSource } from '../build/validate/validators.js';

const target = new URL(`../build/validate/${STANDALONE_FILE}`, import.meta.url);
writeFileSync(target, standaloneValidatorsSource());
