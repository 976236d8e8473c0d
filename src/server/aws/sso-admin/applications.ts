/**
 * IAM Identity Center applications (customer-managed OAuth and SAML applications) and trusted
 * token issuers. This server signs no one in to them: they are stored records in AWS's shapes,
 * enough for tools that manage them as code to create, read, update and delete them.
 *
 * @module
 */
import { randomHex, randomUuid } from '../../ids.js'
import type { AdminRecord, Instance } from '../../store/store.js'
import type { AwsContext } from '../context.js'
import {
  compact,
  conflict,
  epochSeconds,
  notFound,
  optionalString,
  paginate,
  requiredString,
  validationException,
  type JsonBody,
  type JsonOperation,
} from '../json-api.js'
import { instanceOf } from './instances.js'
import { enumOf, KIND } from './records.js'
import { createTaggedRecord } from './tags.js'

/** The application providers AWS offers for customer-managed applications. */
export const APPLICATION_PROVIDERS: readonly JsonBody[] = [
  {
    ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
    FederationProtocol: 'OAUTH',
    DisplayData: { DisplayName: 'Customer managed OAuth 2.0 application' },
  },
  {
    ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom-saml',
    FederationProtocol: 'SAML',
    DisplayData: { DisplayName: 'Customer managed SAML 2.0 application' },
  },
]

function providerOf(arn: string): JsonBody {
  const provider = APPLICATION_PROVIDERS.find((p) => p.ApplicationProviderArn === arn)
  if (!provider) throw notFound(`Application provider ${arn} does not exist`)
  return provider
}

function insId(instance: Instance): string {
  return instance.instanceArn.split('/')[1] as string
}

/** The application named by `ApplicationArn`. */
export function applicationOf(ctx: AwsContext, body: JsonBody): AdminRecord {
  const arn = requiredString(body, 'ApplicationArn', 1224)
  if (!/^arn:aws:sso::\d{12}:application\/(sso)?ins-[a-zA-Z0-9-.]{16}\/apl-[a-zA-Z0-9]{16}$/.test(arn))
    throw validationException(
      `1 validation error detected: Value '${arn}' at 'applicationArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws:sso::\\d{12}:application/(sso)?ins-[a-zA-Z0-9-.]{16}/apl-[a-zA-Z0-9]{16}`,
    )
  const app = ctx.deps.store.getAdminRecord(KIND.application, arn)
  if (!app) throw notFound(`Application ${arn} does not exist`)
  return app
}

function portalOptions(value: unknown): JsonBody | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object') throw validationException('PortalOptions must be a structure')
  const sign = (value as JsonBody).SignInOptions as JsonBody | undefined
  if (sign !== undefined) enumOf(sign, 'Origin', ['IDENTITY_CENTER', 'APPLICATION'])
  return value as JsonBody
}

/** Applications, application providers and trusted token issuers. */
export function createApplicationOperations(ctx: AwsContext): Record<string, JsonOperation> {
  const { store } = ctx.deps
  return {
    ListApplicationProviders(body) {
      const { page, nextToken } = paginate(body, [...APPLICATION_PROVIDERS])
      return compact({ ApplicationProviders: page, NextToken: nextToken })
    },
    DescribeApplicationProvider: (body) => providerOf(requiredString(body, 'ApplicationProviderArn', 1224)),
    CreateApplication(body) {
      const instance = instanceOf(ctx, body)
      const providerArn = requiredString(body, 'ApplicationProviderArn', 1224)
      providerOf(providerArn)
      const name = requiredString(body, 'Name', 255)
      const account = ctx.callers.adminAccountId()
      const arn = `arn:aws:sso::${account}:application/${insId(instance)}/apl-${randomHex(ctx.deps.ids, 16)}`
      if (store.listAdminRecords(KIND.application).some((a) => a.data.Name === name))
        throw conflict(`An application named ${name} already exists`)
      const data = compact({
        ApplicationArn: arn,
        ApplicationProviderArn: providerArn,
        Name: name,
        ApplicationAccount: account,
        InstanceArn: instance.instanceArn,
        IdentityStoreArn: `arn:aws:identitystore::${account}:identitystore/${instance.id}`,
        Status: body.Status === undefined ? 'ENABLED' : enumOf(body, 'Status', ['ENABLED', 'DISABLED']),
        PortalOptions: portalOptions(body.PortalOptions) ?? { Visibility: 'ENABLED' },
        Description: optionalString(body, 'Description', 128),
        CreatedDate: epochSeconds(ctx.deps.clock()),
        CreatedFrom: instance.region,
      })
      createTaggedRecord(ctx, KIND.application, arn, instance.id, data, body.Tags)
      return { ApplicationArn: arn }
    },
    DescribeApplication: (body) => applicationOf(ctx, body).data,
    UpdateApplication(body) {
      const app = applicationOf(ctx, body)
      const data = { ...app.data }
      const name = optionalString(body, 'Name', 255)
      if (name !== undefined) data.Name = name
      const description = optionalString(body, 'Description', 128)
      if (description !== undefined) data.Description = description
      if (body.Status !== undefined) data.Status = enumOf(body, 'Status', ['ENABLED', 'DISABLED'])
      const portal = portalOptions(body.PortalOptions)
      if (portal) data.PortalOptions = { ...(data.PortalOptions as JsonBody), ...portal }
      store.putAdminRecord({ ...app, data })
      return {}
    },
    DeleteApplication(body) {
      const app = applicationOf(ctx, body)
      store.transaction(() => {
        for (const kind of [KIND.applicationAssignment, KIND.applicationSetting, KIND.tag])
          store.deleteAdminRecordsOf(kind, app.id)
        store.deleteAdminRecord(KIND.application, app.id)
      })
      return {}
    },
    ListApplications(body) {
      const instance = instanceOf(ctx, body)
      const filter = (body.Filter ?? {}) as JsonBody
      const apps = store
        .listAdminRecords(KIND.application, instance.id)
        .map((a) => a.data)
        .filter(
          (a) =>
            (filter.ApplicationAccount === undefined || a.ApplicationAccount === filter.ApplicationAccount) &&
            (filter.ApplicationProvider === undefined || a.ApplicationProviderArn === filter.ApplicationProvider),
        )
      const { page, nextToken } = paginate(body, apps)
      return compact({ Applications: page, NextToken: nextToken })
    },
    CreateTrustedTokenIssuer(body) {
      const instance = instanceOf(ctx, body)
      const name = requiredString(body, 'Name', 255)
      enumOf(body, 'TrustedTokenIssuerType', ['OIDC_JWT'])
      const config = body.TrustedTokenIssuerConfiguration as JsonBody | undefined
      const oidc = config?.OidcJwtConfiguration as JsonBody | undefined
      if (!oidc || typeof oidc !== 'object')
        throw validationException('TrustedTokenIssuerConfiguration.OidcJwtConfiguration must be set')
      for (const member of ['IssuerUrl', 'ClaimAttributePath', 'IdentityStoreAttributePath'])
        requiredString(oidc, member)
      enumOf(oidc, 'JwksRetrievalOption', ['OPEN_ID_DISCOVERY'])
      if (store.listAdminRecords(KIND.trustedTokenIssuer).some((t) => t.data.Name === name))
        throw conflict(`A trusted token issuer named ${name} already exists`)
      const arn = `arn:aws:sso::${ctx.callers.adminAccountId()}:trustedTokenIssuer/${insId(instance)}/tti-${randomUuid(ctx.deps.ids)}`
      const data = {
        TrustedTokenIssuerArn: arn,
        Name: name,
        TrustedTokenIssuerType: 'OIDC_JWT',
        TrustedTokenIssuerConfiguration: { OidcJwtConfiguration: oidc },
      }
      createTaggedRecord(ctx, KIND.trustedTokenIssuer, arn, instance.id, data, body.Tags)
      return { TrustedTokenIssuerArn: arn }
    },
    DescribeTrustedTokenIssuer: (body) => issuerOf(ctx, body).data,
    UpdateTrustedTokenIssuer(body) {
      const issuer = issuerOf(ctx, body)
      const data = { ...issuer.data }
      const name = optionalString(body, 'Name', 255)
      if (name !== undefined) data.Name = name
      const update = (body.TrustedTokenIssuerConfiguration as JsonBody | undefined)?.OidcJwtConfiguration
      if (update && typeof update === 'object') {
        const current = (data.TrustedTokenIssuerConfiguration as JsonBody).OidcJwtConfiguration as JsonBody
        data.TrustedTokenIssuerConfiguration = { OidcJwtConfiguration: { ...current, ...(update as JsonBody) } }
      }
      store.putAdminRecord({ ...issuer, data })
      return {}
    },
    DeleteTrustedTokenIssuer(body) {
      const issuer = issuerOf(ctx, body)
      store.transaction(() => {
        store.deleteAdminRecordsOf(KIND.tag, issuer.id)
        store.deleteAdminRecord(KIND.trustedTokenIssuer, issuer.id)
      })
      return {}
    },
    ListTrustedTokenIssuers(body) {
      const instance = instanceOf(ctx, body)
      const issuers = store.listAdminRecords(KIND.trustedTokenIssuer, instance.id).map((t) => ({
        TrustedTokenIssuerArn: t.data.TrustedTokenIssuerArn,
        Name: t.data.Name,
        TrustedTokenIssuerType: t.data.TrustedTokenIssuerType,
      }))
      const { page, nextToken } = paginate(body, issuers)
      return compact({ TrustedTokenIssuers: page, NextToken: nextToken })
    },
  }
}

function issuerOf(ctx: AwsContext, body: JsonBody): AdminRecord {
  const arn = requiredString(body, 'TrustedTokenIssuerArn', 1224)
  const issuer = ctx.deps.store.getAdminRecord(KIND.trustedTokenIssuer, arn)
  if (!issuer) throw notFound(`Trusted token issuer ${arn} does not exist`)
  return issuer
}
