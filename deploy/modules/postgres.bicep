// Azure Database for PostgreSQL flexible server with Entra authentication only (no password exists), the bot's managed
// identity as its administrator, and a "caabot" database. Used by main.bicep when deployPostgres is true.

param name string
param location string
param tags object
param version string
param skuName string
param skuTier string
param tenantId string

@description('Object id of the managed identity that administers the server.')
param administratorPrincipalId string

@description('Display name of that identity (the PostgreSQL role name it signs in as).')
param administratorName string

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: version
    storage: {
      storageSizeGB: 32
    }
    // No administrator password exists: Entra tokens only, the bot's identity is the administrator.
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Disabled'
      tenantId: tenantId
    }
    highAvailability: {
      mode: 'Disabled'
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
  }
}

resource postgresAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = {
  parent: postgres
  name: administratorPrincipalId
  properties: {
    principalType: 'ServicePrincipal'
    principalName: administratorName
    tenantId: tenantId
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'caabot'
}

// Connections from Azure services (the App Service's outbound addresses); use private networking for production.
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

output host string = postgres.properties.fullyQualifiedDomainName
