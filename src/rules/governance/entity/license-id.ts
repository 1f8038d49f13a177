// entity/license-id: a licence written as SPDX spells it, so that the rules and tools reading it
// (non-commercial data in production, SPDX and CycloneDX exports, a compliance reviewer) see it.

import { isSpdxLicense, spdxLicenseId } from '../../../model/license-id.js';
import { createRule } from '../../catalog-rule.js';

export default createRule<'notSpdx' | 'readAs'>({
  meta: {
    id: 'entity/license-id',
    defaultSeverity: 'warning',
    description: 'Require licences of models and datasets as SPDX ids or expressions, `proprietary`, or `{name, url}`.',
    family: 'data',
    preset: 'recommended',
    messages: {
      readAs: {
        message: 'License `{{license}}` of {{kind}} `{{name}}` is not an SPDX id; it reads as `{{id}}`.',
        hint: 'Write `license: {{id}}`.',
      },
      notSpdx: {
        message: 'License `{{license}}` of {{kind}} `{{name}}` is not an SPDX id or expression.',
        hint: 'Write an SPDX id (https://spdx.org/licenses/), `LicenseRef-<name>` for your own, `proprietary`, or `{name, url}`.',
      },
    },
  },
  defaultOptions: {},
  create({ report }) {
    return (entity) => {
      if (entity.kind !== 'Model' && entity.kind !== 'Dataset') return;
      const license = entity.spec.license;
      if (typeof license !== 'string' || isSpdxLicense(license)) return;
      const id = spdxLicenseId(license);
      const data = { license, kind: entity.kind, name: entity.name };
      if (id === undefined) report(['spec', 'license'], 'notSpdx', data);
      else report(['spec', 'license'], 'readAs', { ...data, id });
    };
  },
});
