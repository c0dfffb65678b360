// CaaBot on Azure: a user-assigned managed identity that is the bot's app identity (no client secret anywhere), the
// Azure Bot registration with the Teams and Direct Line channels, a Linux App Service running the container image, and
// optionally an Azure Database for PostgreSQL flexible server (Entra authentication only) for the coming scale-out backend.
//
//   az deployment group create -g <resource group> -f deploy/main.bicep -p deploy/main.parameters.json -p containerImage=<image>
//
// Deploy guide: deploy/README.md.

targetScope = 'resourceGroup'

@description('Prefix of every resource name; lower-case letters, digits and hyphens.')
@minLength(3)
@maxLength(20)
param namePrefix string = 'caabot'

@description('Region of the identity, the App Service and the database. The bot registration itself is global.')
param location string = resourceGroup().location

@description('Container image to run, e.g. myregistry.azurecr.io/caabot:1.0.0 (built from deploy/Dockerfile).')
param containerImage string

@description('Pull the image with the managed identity (an Azure Container Registry that grants the identity AcrPull). False for a public image.')
param pullImageWithManagedIdentity bool = true

@description('App Service plan SKU. B1 is enough for a pilot; P0v3 or larger for production.')
param appServicePlanSku string = 'B1'

@description('Azure Bot SKU: F0 (free, standard channels) or S1.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Name shown for the bot in the Azure portal and in channels that show one.')
param botDisplayName string = 'CaaBot'

@description('Entra tenants whose users may reach the bot (CaaBot:ChannelAuthentication:AllowedTenants). Empty: the deployment tenant only.')
param allowedTenantIds array = []

@description('Origins of intranet pages that embed the web chat (CaaBot:DirectLine:AllowedOrigins and the Direct Line channel\'s trusted origins).')
param webChatAllowedOrigins array = []

@description('Let visitors without an identity use the self-hosted web chat (CaaBot:DirectLine:AllowAnonymous).')
param webChatAllowAnonymous bool = false

@description('Enable Azure\'s own Direct Line channel (for clients that use the Azure-hosted Direct Line). The /chat page uses the bot\'s self-hosted Direct Line either way.')
param enableAzureDirectLine bool = true

@description('OTLP collector for traces and metrics (OTEL_EXPORTER_OTLP_ENDPOINT), e.g. http://otel-collector:4318. Empty: no export.')
param otlpEndpoint string = ''

@description('Also create an Azure Database for PostgreSQL flexible server (Entra authentication only; the identity is its administrator). CaaBot does not use it yet: SQLite is the only backend today.')
param deployPostgres bool = false

@description('PostgreSQL major version.')
param postgresVersion string = '16'

@description('PostgreSQL compute SKU and tier.')
param postgresSkuName string = 'Standard_B1ms'
param postgresSkuTier string = 'Burstable'

param tags object = {
  application: 'caabot'
}

var tenantId = subscription().tenantId
var appName = '${namePrefix}-${uniqueString(resourceGroup().id)}'
var tenants = empty(allowedTenantIds) ? [ tenantId ] : allowedTenantIds

// The bot's identity: its client id is the bot's Microsoft App ID (MicrosoftAppType=UserAssignedMSI).
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-identity'
  location: location
  tags: tags
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: 1 // one instance per SQLite file: scale out only once a shared backend exists
  }
  properties: {
    reserved: true // Linux
  }
}

var baseSettings = [
  { name: 'WEBSITES_PORT', value: '8080' }
  // /home is the App Service's persistent storage; the SQLite database lives under it.
  { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'true' }
  { name: 'CaaBot__DataDirectory', value: '/home/caabot-data' }
  { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
  { name: 'MicrosoftAppId', value: identity.properties.clientId }
  { name: 'MicrosoftAppTenantId', value: tenantId }
  { name: 'CaaBot__DirectLine__PublicUrl', value: 'https://${appName}.azurewebsites.net' }
  { name: 'CaaBot__DirectLine__AllowAnonymous', value: string(webChatAllowAnonymous) }
  { name: 'OTEL_SERVICE_NAME', value: 'caabot' }
]
var tenantSettings = [for (tenant, index) in tenants: { name: 'CaaBot__ChannelAuthentication__AllowedTenants__${index}', value: tenant }]
var originSettings = [for (origin, index) in webChatAllowedOrigins: { name: 'CaaBot__DirectLine__AllowedOrigins__${index}', value: origin }]
var otlpSettings = empty(otlpEndpoint) ? [] : [ { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: otlpEndpoint } ]

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'app,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'DOCKER|${containerImage}'
      acrUseManagedIdentityCreds: pullImageWithManagedIdentity
      acrUserManagedIdentityID: pullImageWithManagedIdentity ? identity.properties.clientId : null
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      webSocketsEnabled: true // the web chat's Direct Line stream
      healthCheckPath: '/readyz'
      appSettings: concat(baseSettings, tenantSettings, originSettings, otlpSettings)
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${uniqueString(resourceGroup().id)}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: tenantId
    msaAppMSIResourceId: identity.id
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

resource directLine 'Microsoft.BotService/botServices/channels@2022-09-15' = if (enableAzureDirectLine) {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: !empty(webChatAllowedOrigins)
          trustedOrigins: webChatAllowedOrigins
        }
      ]
    }
  }
}

// In a module: the administrator's name is the identity's object id, known only once the identity exists.
module postgres 'modules/postgres.bicep' = if (deployPostgres) {
  name: 'postgres'
  params: {
    name: '${namePrefix}-pg-${uniqueString(resourceGroup().id)}'
    location: location
    tags: tags
    version: postgresVersion
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    tenantId: tenantId
    administratorPrincipalId: identity.properties.principalId
    administratorName: identity.name
  }
}

@description('The bot\'s Microsoft App ID: pass it to "teams package --app-id".')
output botAppId string = identity.properties.clientId

@description('Object id of the identity, for the AcrPull role assignment.')
output identityPrincipalId string = identity.properties.principalId

output botName string = bot.name
output appName string = app.name
output appHostName string = app.properties.defaultHostName
output messagingEndpoint string = bot.properties.endpoint
output postgresHost string = deployPostgres ? postgres!.outputs.host : ''
