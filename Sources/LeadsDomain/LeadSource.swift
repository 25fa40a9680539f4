/// Where a lead came from; the raw values are the API's choice keys.
public enum LeadSource: String, CaseIterable, Sendable {
    /// The organisation's website.
    case website
    /// A social network.
    case socialMedia = "social_media"
    /// An email campaign.
    case emailMarketing = "email_marketing"
    /// Someone recommended the organisation.
    case referral
    /// An unsolicited call.
    case coldCalling = "cold_calling"
    /// A trade show or fair.
    case tradeShow = "trade_show"
    /// Paid advertising other than pay-per-click.
    case advertising
    /// Articles, videos and other content.
    case contentMarketing = "content_marketing"
    /// Search engine results.
    case seo
    /// Pay-per-click advertising.
    case ppc
    /// A business partner.
    case partner
    /// None of the above.
    case other
}
