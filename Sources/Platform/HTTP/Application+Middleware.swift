import Vapor

extension Application {
    /// The middleware stack, outermost first. Every response, error pages included, passes through the
    /// request-id, access-log and security-header layers; everything that can throw sits inside the error
    /// middleware.
    public func configureMiddleware() {
        middleware = Middlewares()
        middleware.use(RequestIDMiddleware())
        middleware.use(AccessLogMiddleware())
        middleware.use(SecurityHeadersMiddleware(hsts: config.isServedOverTLS))
        middleware.use(SesaErrorMiddleware())
        middleware.use(HostValidationMiddleware(allowedHosts: config.allowedHosts))
        middleware.use(MethodGuardMiddleware())
        middleware.use(BodyLimitMiddleware(defaultLimit: config.maxBodyBytes))
        middleware.use(FlashMiddleware())
        middleware.use(CSRFMiddleware(secret: config.secretKey, allowedHosts: config.allowedHosts))
        middleware.use(SessionMiddleware())
        middleware.use(BearerAuthMiddleware())
        middleware.use(APIRateLimitMiddleware())
        middleware.use(ProjectSwitcherMiddleware())
        middleware.use(StaticCacheMiddleware(publicDirectory: config.publicDirectory))
        routes.defaultMaxBodySize = ByteCount(value: config.maxBodyBytes)
    }
}
