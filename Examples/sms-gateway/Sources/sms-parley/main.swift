import ParleyCLI
import ParleyWorlds
import SMSGateway

// All of `parley`, with the SMS gateway service added: `sms-parley serve --service sms`.
await ParleyCLI.main(registry: .builtIn, services: [SMSService.kind])
